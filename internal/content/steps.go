package content

import (
	"regexp"
	"strings"

	"guide/internal/diag"
	"guide/internal/messages"
)

// Step is one step of a procedure page.
type Step struct {
	ID    string `yaml:"id,required"`
	Title string `yaml:"title,required"`
	// Where says where the step is done: an office, a website.
	Where string `yaml:"where"`
	// Bring lists what to take along; the route's checklist is made of
	// these lists.
	Bring []string `yaml:"bring"`
	Fee   string   `yaml:"fee"`
	Time  string   `yaml:"time"`
	Links []Link   `yaml:"links"`
	// Optional marks a step that not every reader has to do.
	Optional bool `yaml:"optional"`
	// Logic relates the step to the one before: "and" (the default) or
	// "or" when the two are alternatives.
	Logic string `yaml:"logic"`
	// Walkthrough links to the walkthrough page, or one of its frames,
	// that shows the step's screens: "booking/interview.zh.md#delivery".
	Walkthrough string   `yaml:"walkthrough"`
	Pos         diag.Pos `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys diag.Keys `yaml:"-"`
}

// Link is a link of a step.
type Link struct {
	Text string   `yaml:"text,required"`
	URL  string   `yaml:"url,required"`
	Pos  diag.Pos `yaml:"-"`
	// Keys holds the position of each key's value, for messages.
	Keys diag.Keys `yaml:"-"`
}

// idPattern is the form of every id; see ValidID.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9-]*$`)

// ValidID reports whether id has the form of every id of the guide:
// lowercase letters, digits and hyphens, not starting with a hyphen. Ids
// are anchors and parts of addresses: the ids of steps, of the frames of
// walkthroughs, and of the questions and answers of checkers
// (/eligibility/last-visa/).
func ValidID(id string) bool { return idPattern.MatchString(id) }

// CheckURL reports whether an address written in content may be published:
// links to other sites must be http, https, mailto or tel addresses, so that
// a javascript:, data: or vbscript: address never reaches a reader.
func CheckURL(u string) error {
	if strings.TrimSpace(u) == "" {
		return messages.Errorf("the address is empty")
	}
	scheme, _, ok := strings.Cut(u, ":")
	if !ok || strings.ContainsAny(scheme, "/?#.") {
		return nil // relative
	}
	switch strings.ToLower(strings.TrimSpace(scheme)) {
	case "http", "https", "mailto", "tel":
		return nil
	}
	return messages.Errorf("addresses starting with %q are not allowed; use an https:// address", scheme+":")
}
