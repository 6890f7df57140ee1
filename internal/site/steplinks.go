package site

import (
	"html/template"
	"net/url"

	"guide/internal/markdown"
	"guide/internal/messages"
)

// stepLinks checks the links and walkthrough links of the steps of the
// resolver's page and sets their addresses. They are resolved as the links
// of the page's text are, so that they may be written the same ways
// ("booking/interview.zh.md#delivery", "/booking/interview/",
// "https://ceac.state.gov/GENNIV/"), are refused for the same reasons, and
// have their anchors checked once every page is rendered.
func (r *resolver) stepLinks(steps []StepData) {
	for i := range steps {
		st := steps[i].src
		for _, l := range st.Links {
			n := len(r.errs)
			at := l.Keys.At("url", l.Pos)
			href, external := r.Resolve(markdown.KindLink, l.URL, at.Line-r.page.BodyLine+1, at.Col)
			for _, e := range r.errs[n:] {
				e.Reword("step %q: %s", st.ID, messages.Sprintf(e.Format, e.Args...))
			}
			// Resolve returns only http, https, mailto and tel
			// addresses and the guide's own, which are safe in href.
			steps[i].Links = append(steps[i].Links, StepLink{Text: l.Text, URL: l.URL, Href: template.URL(href), External: external})
		}
		if st.Walkthrough == "" {
			continue
		}
		// The resolver counts lines from the start of the body, and a
		// step sits in the front matter above it: the line given here
		// makes the message point at the step in the file.
		at := st.At("walkthrough")
		line := at.Line - r.page.BodyLine + 1
		if u, err := url.Parse(st.Walkthrough); err == nil && u.Scheme != "" {
			r.errs.Add(r.pos(line, at.Col), "step %q: walkthrough %q must be a page of the guide, such as booking/interview.%s.md", st.ID, st.Walkthrough, r.page.Lang)
			continue
		}
		n := len(r.errs)
		href, _ := r.Resolve(markdown.KindLink, st.Walkthrough, line, at.Col)
		for _, e := range r.errs[n:] {
			e.Reword("step %q: walkthrough: %s", st.ID, messages.Sprintf(e.Format, e.Args...))
		}
		steps[i].WalkthroughURL = href
	}
}
