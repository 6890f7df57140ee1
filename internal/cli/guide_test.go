package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRealGuide builds the repository's own guide and checks that every
// fact of the office's notice reaches the published pages, in both
// languages, with addresses, URLs, fees and document names exact.
func TestRealGuide(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	code, stdout, stderr := run("build", "-src", "../..", "-out", out)
	if code != 0 {
		t.Fatalf("the guide does not build:\n%s", stderr)
	}
	t.Log(strings.TrimSpace(stdout))
	facts := map[string][]string{
		"interview/index.html": {
			"https://ceac.state.gov/GENNIV/", "https://www.usvisascheduling.com/zh-CN/SignIn",
			"签证事项表", "黄色标签", "北京", "沈阳", "上海", "武汉", "广州", "All Others", "Regular", "Non-Immigrant",
			"省外办护照签证处", "西湖区石函路1号省对外交流服务中心签证管理科", "杭州市", "Fapiao",
			"EMS", "110", "短信", "2025-04-08",
		},
		"en/interview/index.html": {
			"https://ceac.state.gov/GENNIV/", "https://www.usvisascheduling.com/zh-CN/SignIn",
			"visa matter form", "yellow label", "Beijing", "Shenyang", "Shanghai", "Wuhan", "Guangzhou", "All Others",
			"省外办护照签证处", "西湖区石函路1号省对外交流服务中心签证管理科", "杭州市", "Fapiao",
			"EMS", "cash on delivery", "110", "SMS", "2025-04-08",
		},
		"waiver/index.html": {
			"https://ceac.state.gov/GENNIV/", "https://www.usvisascheduling.com/zh-CN/SignIn",
			"中信银行", "第一项", "12 个月", "被盗或遗失", "新、旧护照", "照片", "DS-160", "预约确认", "checklist",
			"身份证原件", "110", "现金", "委托", "西湖区石函路1号省对外交流服务中心签证管理科", "杭州市", "EMS", "2025-04-08",
			"不要再次选择免面谈",
		},
		"en/waiver/index.html": {
			"https://ceac.state.gov/GENNIV/", "https://www.usvisascheduling.com/zh-CN/SignIn",
			"CITIC Bank", "first option", "12 months", "lost or stolen", "New and old passports", "One photo",
			"DS-160 confirmation page", "Appointment confirmation", "Checklist", "Original ID card", "110", "cash",
			"西湖区石函路1号省对外交流服务中心签证管理科", "杭州市", "EMS", "2025-04-08",
		},
	}
	for page, want := range facts {
		data, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Errorf("%s: %v", page, err)
			continue
		}
		html := string(data)
		for _, w := range want {
			if !strings.Contains(html, w) {
				t.Errorf("%s does not contain %q", page, w)
			}
		}
		// The materials checklist and the step-by-step list are there.
		for _, w := range []string{`id="checklist"`, `class="steps"`, `hreflang="en"`, `hreflang="zh-CN"`} {
			if !strings.Contains(html, w) {
				t.Errorf("%s lacks %s", page, w)
			}
		}
	}
	for _, name := range []string{"index.html", "en/index.html", "404.html", "sitemap.xml", "robots.txt", "changes/index.html", "en/changes/index.html", "feed.xml", "en/feed.xml"} {
		if _, err := os.Stat(filepath.Join(out, name)); err != nil {
			t.Errorf("%s is missing: %v", name, err)
		}
	}
}
