package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

// officeYAML is the site of siteYAML with every office and registration
// key set. Its numbers are made up for the tests.
const officeYAML = siteYAML + `office:
  name:
    zh: 省外办
    en: Provincial Foreign Affairs Office
  contact:
    name:
      zh: 护照签证处
      en: Passport and Visa Section
    address:
      zh: 杭州市西湖区石函路1号
      en: 1 Shihan Road, Xihu District, Hangzhou
    telephone: 0571-12345678
    hours:
      zh: 工作日 9:00–17:00
      en: Working days, 9:00 to 17:00
registration:
  siteCode: "3300000001"
  icp: 浙ICP备12345678号-1
  publicSecurity: 浙公网安备 33010602000001号
`

func TestOffice(t *testing.T) {
	s, errs := LoadSite(fstest.MapFS{"site.yaml": {Data: []byte(officeYAML)}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, c := range []struct{ what, got, want string }{
		{"office name in en", s.Office.Name.In("en"), "Provincial Foreign Affairs Office"},
		{"contact in zh", s.Office.Contact.Name.In("zh"), "护照签证处"},
		{"a language the text lacks", s.Office.Name.In("fr"), ""},
		{"telephone address", string(s.Office.Contact.TelephoneURL()), "tel:057112345678"},
		{"public security address", s.Registration.PublicSecurityURL(), "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=33010602000001"},
	} {
		if c.got != c.want {
			t.Errorf("%s: got %q; want %q", c.what, c.got, c.want)
		}
	}
	// No office at all is allowed, and shows nothing.
	s, errs = LoadSite(fstest.MapFS{"site.yaml": {Data: []byte(siteYAML)}})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if s.Office.Name.In("zh") != "" || s.Registration.PublicSecurityURL() != "" {
		t.Errorf("a site without an office has one: %+v %+v", s.Office, s.Registration)
	}
}

func TestOfficeErrors(t *testing.T) {
	tests := []struct {
		name, from, to string
		want           string
	}{
		{"text missing a language", "    en: Provincial Foreign Affairs Office\n", "",
			`content/site.yaml:8:5: office.name: the text in en is missing: write it on a line of its own, en: …, as for the other languages`},
		{"text in a language the site lacks", "      en: Passport and Visa Section\n", "      en: Passport and Visa Section\n      fr: Section des passeports\n",
			`content/site.yaml:12:7: office.contact.name: "fr" is not one of the site's languages (zh, en)`},
		{"empty text", "      en: Working days, 9:00 to 17:00", `      en: " "`,
			`content/site.yaml:19:7: office.contact.hours: the text in en is missing`},
		{"text that is not a mapping", "    name:\n      zh: 护照签证处\n      en: Passport and Visa Section\n", "    name: 护照签证处\n",
			`content/site.yaml:11:11: "name" must be a mapping (key: value lines), not "护照签证处"`},
		{"unknown key", "    telephone:", "    phone:",
			`content/site.yaml:17:5: unknown key "phone"`},
		{"telephone with words", "0571-12345678", "0571-12345678 (office)",
			`content/site.yaml:17:16: office.contact.telephone: "0571-12345678 (office)" is not a telephone number`},
		{"two telephone numbers", "0571-12345678", "0571-12345678, 0571-12345679",
			`office.contact.telephone: "0571-12345678, 0571-12345679" is not a telephone number`},
		{"site code too short", `"3300000001"`, `"33000"`,
			`content/site.yaml:22:13: registration.siteCode: "33000" is not a 网站标识码, which is 10 letters or digits, such as 3300000001`},
		{"ICP number without its form", "浙ICP备12345678号-1", "12345678",
			`content/site.yaml:23:8: registration.icp: "12345678" is not an ICP 备案号: write it as the registration gives it, such as 浙ICP备12345678号`},
		{"public security number without digits", "浙公网安备 33010602000001号", "浙公网安备号",
			`content/site.yaml:24:19: registration.publicSecurity: "浙公网安备号" is not a 公安机关备案号`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if !strings.Contains(officeYAML, tt.from) {
				t.Fatalf("the settings have no %q to replace", tt.from)
			}
			src := strings.Replace(officeYAML, tt.from, tt.to, 1)
			_, errs := LoadSite(fstest.MapFS{"site.yaml": {Data: []byte(src)}})
			if len(errs) == 0 {
				t.Fatalf("no error; want %s", tt.want)
			}
			if got := errs.Sort().Error(); !strings.Contains(got, tt.want) {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}
