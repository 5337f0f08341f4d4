package programme

import (
	"reflect"
	"strings"
)

// Reference is one reference an item makes: Field names the id.
type Reference struct {
	Field string
	ID    string
	Link  Dep  // a depends_on link, whole
	List  bool // the field holds a list
}

// References lists the references an item makes, in the order of its fields,
// read from the model's tags so every reference the format has is found.
func References(v any) []Reference {
	var out []Reference
	rv := reflect.ValueOf(v).Elem()
	rt := rv.Type()
	for i := 0; i < rt.NumField(); i++ {
		name, opts, _ := strings.Cut(rt.Field(i).Tag.Get("oco"), ",")
		if name == "" || name == "-" || !rt.Field(i).IsExported() {
			continue
		}
		switch x := rv.Field(i).Interface().(type) {
		case []Dep:
			for _, d := range x {
				out = append(out, Reference{Field: name, ID: d.ID, Link: d, List: true})
			}
		case []string:
			if strings.Contains(opts, "ref=") {
				for _, id := range x {
					out = append(out, Reference{Field: name, ID: id, List: true})
				}
			}
		case string:
			if strings.Contains(opts, "ref=") && x != "" {
				out = append(out, Reference{Field: name, ID: x})
			}
		}
	}
	return out
}

// inverse names what a reference is from the side of the item referred
// to: a milestone's depends_on makes its predecessor needed_by it.
var inverse = map[string]string{
	"depends_on":   "needed_by",
	"phase":        "milestones",
	"workstream":   "milestones",
	"affects":      "affected_by",
	"decision":     "approves",
	"owner":        "owns",
	"by":           "decided",
	"lead":         "leads",
	"body":         "runs",
	"chair":        "chairs",
	"members":      "member_of",
	"reports_to":   "reported_to_by",
	"escalated_to": "escalations",
	"risk":         "assumptions",
	"issue":        "risks",
	"enabled_by":   "enables",
}

// Inverse names the relation a reference in field makes, seen from the
// item it names; "" for a field that names nothing.
func Inverse(field string) string { return inverse[field] }
