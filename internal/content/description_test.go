package content

import (
	"strings"
	"testing"
)

func TestDescription(t *testing.T) {
	tests := []struct {
		name, summary, body, want string
	}{
		{"the attack's page", "", "请注意</head><meta http-equiv=refresh content=\"0;url=https://evil.example/\">这一段。\n",
			"请注意 这一段。"},
		{"markup in the summary", "摘要<script>alert(1)</script>", "正文。", "摘要 alert(1)"},
		{"links and emphasis", "", "见[流程](waiver.zh.md)和 **重点**、`代码`，![图](a.png)。\n", "见流程和 重点、代码，图。"},
		{"reference links", "", "See [the form][ds160] and [this].\n\n[ds160]: https://ceac.state.gov/\n", "See the form and this."},
		{"an address", "", "网址 <https://ceac.state.gov/GENNIV/> 。\n", "网址 https://ceac.state.gov/GENNIV/ 。"},
		{"character references", "", "a &lt;b&gt; &amp; c&#62;\n", "a b & c"},
		{"escapes", "", `\*不是强调\*，\<tag\>，1 \< 2` + "\n", "不是强调， ，1 2"},
		{"a comparison", "", "age < 14 or > 79\n", "age 14 or 79"},
		{"the first paragraph only", "", "# Title\n\nFirst\nline.\n\nSecond.\n", "First line."},
		{"a long paragraph", "", strings.Repeat("word ", 50), strings.TrimSpace(strings.Repeat("word ", 32)) + "…"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := &Page{Body: []byte(tt.body), Meta: Meta{Summary: tt.summary}}
			if got := p.Description(); got != tt.want {
				t.Errorf("got %q; want %q", got, tt.want)
			}
		})
	}
}

// FuzzDescription checks that no text gives a description with "<" or
// ">", which could end the attribute's element in a tool that reads the
// page as text.
func FuzzDescription(f *testing.F) {
	f.Add("请注意</head><meta http-equiv=refresh content=0>这一段。", "")
	f.Add("&lt;<<b>>&gt;\\<", "<i>x</i>")
	f.Fuzz(func(t *testing.T, body, summary string) {
		p := &Page{Body: []byte(body), Meta: Meta{Summary: summary}}
		if d := p.Description(); strings.ContainsAny(d, "<>") {
			t.Fatalf("description %q of body %q, summary %q", d, body, summary)
		}
	})
}
