package content

import (
	"html/template"
	"maps"
	"regexp"
	"slices"
	"strings"

	"guide/internal/diag"
)

// Text is a text written in each of the site's languages, by language
// code. A Text that is set has every language and no other.
type Text map[string]string

// Office is the office that publishes the guide, and the part of it that
// readers can contact. Every page's footer and printout show what is set;
// nothing is shown for a key that is not.
type Office struct {
	// Name is the office's name: 省外办.
	Name    Text    `yaml:"name"`
	Contact Contact `yaml:"contact"`
	// Pos is where it is written, and Keys where each key's value is, for
	// messages.
	Pos  diag.Pos  `yaml:"-"`
	Keys diag.Keys `yaml:"-"`
}

// Contact is how readers reach the office: the section that answers them,
// its address, telephone and opening hours.
type Contact struct {
	Name    Text `yaml:"name"`
	Address Text `yaml:"address"`
	// Telephone is one number, the same in every language: 0571-12345678.
	Telephone string `yaml:"telephone"`
	Hours     Text   `yaml:"hours"`
	// Pos is where it is written, and Keys where each key's value is, for
	// messages.
	Pos  diag.Pos  `yaml:"-"`
	Keys diag.Keys `yaml:"-"`
}

// TelephoneURL is the tel: address of the telephone number, which a phone
// dials when the reader taps it.
func (c Contact) TelephoneURL() template.URL {
	// The number has been checked to hold only digits, spaces, "+", "-"
	// and parentheses; a tel: address keeps the "+" and the digits.
	return template.URL("tel:" + strings.Map(func(r rune) rune {
		if r == '+' || r >= '0' && r <= '9' {
			return r
		}
		return -1
	}, c.Telephone))
}

// Registration holds the numbers a Chinese government website shows in its
// footer: the 网站标识码 of the government website register, the ICP 备案号
// of the Ministry of Industry and Information Technology and the 公安机关
// 备案号 of the public security organs. They are the same in every
// language.
type Registration struct {
	SiteCode       string `yaml:"siteCode"`
	ICP            string `yaml:"icp"`
	PublicSecurity string `yaml:"publicSecurity"`
	// Pos is where it is written, and Keys where each key's value is, for
	// messages.
	Pos  diag.Pos  `yaml:"-"`
	Keys diag.Keys `yaml:"-"`
}

// ICPURL is the address at which an ICP number is looked up, which
// government sites link the number to.
func (r Registration) ICPURL() string { return "https://beian.miit.gov.cn/" }

// PublicSecurityURL is the address at which the public security
// registration is looked up, by its digits.
func (r Registration) PublicSecurityURL() string {
	m := publicSecurityPattern.FindStringSubmatch(r.PublicSecurity)
	if m == nil {
		return ""
	}
	return "https://www.beian.gov.cn/portal/registerSystemInfo?recordcode=" + m[1]
}

var (
	telephonePattern      = regexp.MustCompile(`^\+?[0-9][0-9 ()-]*[0-9]$`)
	siteCodePattern       = regexp.MustCompile(`^[A-Za-z0-9]{10}$`)
	icpPattern            = regexp.MustCompile(`^\p{Han}ICP[备证][0-9]+号(?:-[0-9]+)?$`)
	publicSecurityPattern = regexp.MustCompile(`^\p{Han}公网安备 ?([0-9]{5,})号$`)
)

// checkOffice checks the office's texts against the site's languages and
// the telephone and registration numbers against their forms.
func (s *Site) checkOffice(errs *diag.List) {
	s.checkText(errs, s.Office.Name, "office.name", s.Office.Keys.At("name", s.Office.Pos))
	c := s.Office.Contact
	s.checkText(errs, c.Name, "office.contact.name", c.Keys.At("name", c.Pos))
	s.checkText(errs, c.Address, "office.contact.address", c.Keys.At("address", c.Pos))
	s.checkText(errs, c.Hours, "office.contact.hours", c.Keys.At("hours", c.Pos))
	if c.Telephone != "" && (!telephonePattern.MatchString(c.Telephone) || digits(c.Telephone) < 5) {
		errs.Add(c.Keys.At("telephone", c.Pos), "office.contact.telephone: %q is not a telephone number: write one number, with only digits, spaces, + - and parentheses, such as 0571-12345678", c.Telephone)
	}
	r := s.Registration
	if r.SiteCode != "" && !siteCodePattern.MatchString(r.SiteCode) {
		errs.Add(r.Keys.At("siteCode", r.Pos), "registration.siteCode: %q is not a 网站标识码, which is 10 letters or digits, such as 3300000001", r.SiteCode)
	}
	if r.ICP != "" && !icpPattern.MatchString(r.ICP) {
		errs.Add(r.Keys.At("icp", r.Pos), "registration.icp: %q is not an ICP 备案号: write it as the registration gives it, such as 浙ICP备12345678号", r.ICP)
	}
	if r.PublicSecurity != "" && !publicSecurityPattern.MatchString(r.PublicSecurity) {
		errs.Add(r.Keys.At("publicSecurity", r.Pos), "registration.publicSecurity: %q is not a 公安机关备案号: write it as the registration gives it, such as 浙公网安备 33010602000001号", r.PublicSecurity)
	}
}

// checkText checks that a text that is set is written in every language
// of the site and in no other; key names it and pos is its position.
func (s *Site) checkText(errs *diag.List, t Text, key string, pos diag.Pos) {
	if len(t) == 0 {
		return
	}
	var codes []string
	for _, l := range s.Languages {
		codes = append(codes, l.Code)
		if strings.TrimSpace(t[l.Code]) == "" {
			errs.Add(pos, "%s: the text in %s is missing: write it on a line of its own, %s: …, as for the other languages", key, l.Code, l.Code)
		}
	}
	for _, code := range slices.Sorted(maps.Keys(t)) {
		if !slices.Contains(codes, code) {
			errs.Add(pos, "%s: %q is not one of the site's languages (%s)", key, code, strings.Join(codes, ", "))
		}
	}
}

func digits(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n++
		}
	}
	return n
}

// In returns the text in the language lang, or "" when the text is not
// set: {{.Name.In $.Lang.Code}} in a layout.
func (t Text) In(lang string) string { return t[lang] }
