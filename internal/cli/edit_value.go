package cli

import (
	"bytes"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/yamledit"
)

// assignment is one field=value of `oco set` (or one flag of `oco add`),
// parsed as the field's type.
type assignment struct {
	field  string // as written in the file: "due", "tolerances.amber_days"
	remove bool
	value  yamledit.Value
	deps   []depEntry // for depends_on, whose entries may carry a lag
	show   string     // the value as the user should see it
}

// depEntry is one predecessor as typed: "M-4" or "M-4+2w".
type depEntry struct{ id, lag string }

// keyOrder is the canonical order of every mapping, as yamledit wants it.
var keyOrder = yamledit.Order(programme.KeyOrder())

// fieldNames lists the keys of kind k, nested ones dotted.
func fieldNames(k programme.Kind) []string {
	var out []string
	for _, f := range programme.Fields(k) {
		out = append(out, f.Name)
		for _, s := range f.Sub {
			if f.Kind == programme.KindStruct {
				out = append(out, f.Name+"."+s.Name)
			}
		}
	}
	return out
}

// parseAssignment reads `field=value` for an item of kind k. today is what
// the date `today` means.
func parseAssignment(k programme.Kind, arg string, today programme.Date) (assignment, error) {
	name, raw, ok := strings.Cut(arg, "=")
	if !ok {
		return assignment{}, fmt.Errorf("%q: write field=value (field= removes the field)", arg)
	}
	return parseField(k, name, raw, today)
}

func parseField(k programme.Kind, name, raw string, today programme.Date) (assignment, error) {
	a := assignment{field: name}
	top, sub, nested := strings.Cut(name, ".")
	f, ok := programme.FieldOf(k, top)
	if !ok {
		return a, fmt.Errorf("%s has no field %q%s (fields: %s)", withArticle(k), name, didYouMean(name, fieldNames(k)), strings.Join(fieldNames(k), ", "))
	}
	if f.Kind == programme.KindStruct {
		if !nested {
			if raw == "" {
				a.remove = true
				return a, nil
			}
			return a, fmt.Errorf("%s is a mapping: set one of its fields (%s)", name, strings.Join(subNames(f), ", "))
		}
		i := slices.IndexFunc(f.Sub, func(s programme.Field) bool { return s.Name == sub })
		if i < 0 {
			return a, fmt.Errorf("%s has no field %q%s (fields: %s)", top, sub, didYouMean(sub, subNames(f)), strings.Join(subNames(f), ", "))
		}
		f = f.Sub[i]
	} else if nested {
		return a, fmt.Errorf("%s is not a mapping: it has no field %q", top, sub)
	}
	if f.Kind == programme.KindID {
		return a, fmt.Errorf("ids are not changed by oco: other items refer to them by id, and a rename must change every reference; edit the files by hand, then run oco validate")
	}
	if raw == "" {
		a.remove = true
		return a, nil
	}
	a.show = raw
	switch f.Kind {
	case programme.KindDate:
		d, err := parseDateArg(raw, today)
		if err != nil {
			return a, fmt.Errorf("%s: %v", name, err)
		}
		a.value, a.show = yamledit.Scalar(d.String()), d.String()
	case programme.KindInt:
		n, err := strconv.Atoi(strings.TrimSpace(raw))
		if err != nil {
			return a, fmt.Errorf("%s: %q is not a whole number", name, raw)
		}
		if f.HasRange && (n < f.Min || n > f.Max) {
			return a, fmt.Errorf("%s: %d is outside %d..%d", name, n, f.Min, f.Max)
		}
		a.value, a.show = yamledit.Scalar(strconv.Itoa(n)), strconv.Itoa(n)
	case programme.KindEnum:
		if !slices.Contains(f.Enum, raw) {
			return a, fmt.Errorf("%s: %q is not one of %s%s", name, raw, strings.Join(f.Enum, ", "), didYouMean(raw, f.Enum))
		}
		a.value = yamledit.Scalar(raw)
	case programme.KindRef:
		// Whether the item exists is for the check after the edit to say,
		// with the usual "did you mean".
		a.value = yamledit.Scalar(strings.TrimSpace(raw))
		a.show = a.value.Scalar
	case programme.KindRefs:
		ids := splitList(raw)
		if len(ids) == 0 {
			a.remove = true
			return a, nil
		}
		a.value, a.show = yamledit.List(ids...), strings.Join(ids, ",")
	case programme.KindDeps:
		var ids []string
		for _, e := range splitList(raw) {
			id, lag, hasLag := strings.Cut(e, "+")
			id, lag = strings.TrimSpace(id), strings.TrimSpace(lag)
			if hasLag {
				if _, err := programme.ParseLag(lag); err != nil {
					return a, fmt.Errorf("%s: %s: %v", name, e, err)
				}
			}
			if id == "" {
				return a, fmt.Errorf("%s: %q: write ID or ID+LAG, such as M-4 or M-4+2w", name, e)
			}
			a.deps = append(a.deps, depEntry{id, lag})
			ids = append(ids, id)
		}
		if len(ids) == 0 {
			a.remove = true
			return a, nil
		}
		a.value, a.show = yamledit.List(ids...), depsText(a.deps)
	default:
		a.value = yamledit.Scalar(raw)
	}
	return a, nil
}

// withArticle says "a milestone", "an issue".
func withArticle(k programme.Kind) string {
	if strings.ContainsAny(string(k)[:1], "aeiou") {
		return "an " + string(k)
	}
	return "a " + string(k)
}

func subNames(f programme.Field) []string {
	var out []string
	for _, s := range f.Sub {
		out = append(out, s.Name)
	}
	return out
}

func didYouMean(s string, candidates []string) string {
	if near := programme.Nearest(s, candidates, 1); len(near) > 0 {
		return fmt.Sprintf("; did you mean %q?", near[0])
	}
	return ""
}

// parseDateArg reads a date the user typed: YYYY-MM-DD, or today.
func parseDateArg(s string, today programme.Date) (programme.Date, error) {
	if s == "today" {
		return today, nil
	}
	return programme.ParseDate(s)
}

func todayDate() programme.Date { return programme.DateOf(time.Now()) }

func splitList(s string) []string {
	var out []string
	for _, e := range strings.Split(s, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

func depsText(deps []depEntry) string {
	var parts []string
	for _, d := range deps {
		if d.lag != "" {
			parts = append(parts, d.id+"+"+d.lag)
		} else {
			parts = append(parts, d.id)
		}
	}
	return strings.Join(parts, ",")
}

// apply makes the assignment on the item in d.
func (a assignment) apply(d *yamledit.Doc, section, id string) error {
	switch {
	case a.remove:
		return d.Remove(section, id, a.field)
	case slices.ContainsFunc(a.deps, func(e depEntry) bool { return e.lag != "" }):
		return setDeps(d, section, id, a.field, a.deps)
	}
	return d.Set(section, id, a.field, a.value, keyOrder)
}

// setDeps writes a depends_on list with {id: ID, lag: LAG} entries, which
// yamledit writes only as plain ids: the list is written with a unique
// placeholder for each lagged entry, each placeholder is then replaced by
// its mapping, and the result is read back to make sure it says what was
// meant.
func setDeps(d *yamledit.Doc, section, id, field string, deps []depEntry) error {
	src := d.Bytes()
	nonce := 0
	for bytes.Contains(src, []byte(fmt.Sprintf("oco-lag-%d-", nonce))) {
		nonce++
	}
	items := make([]string, len(deps))
	repl := map[string]string{}
	for i, e := range deps {
		items[i] = e.id
		if e.lag != "" {
			items[i] = fmt.Sprintf("oco-lag-%d-%d", nonce, i)
			repl[items[i]] = "{id: " + flowScalar(e.id) + ", lag: " + flowScalar(e.lag) + "}"
		}
	}
	if err := d.Set(section, id, field, yamledit.List(items...), keyOrder); err != nil {
		return err
	}
	out := d.Bytes()
	for tok, r := range repl {
		if bytes.Count(out, []byte(tok)) != 1 {
			return fmt.Errorf("%s %s: cannot write the lags of %s", section, id, field)
		}
		out = bytes.Replace(out, []byte(tok), []byte(r), 1)
	}
	nd, err := yamledit.Parse(out)
	if err != nil || !depsRead(out, section, id, field, deps) {
		return fmt.Errorf("%s %s: cannot write the lags of %s", section, id, field)
	}
	*d = *nd
	return nil
}

// plainWord matches what may stand unquoted inside a flow mapping, if it
// reads as text.
var plainWord = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_.-]*$`)

// flowScalar writes an id or a lag inside {id: ..., lag: ...}: plain where
// it reads back as the same text, else quoted.
func flowScalar(s string) string {
	switch strings.ToLower(s) {
	case "yes", "no", "on", "off", "y", "n":
		return strconv.Quote(s) // booleans to some YAML readers
	}
	var v any
	if plainWord.MatchString(s) && yaml.Unmarshal([]byte(s), &v) == nil && v == s {
		return s
	}
	return strconv.Quote(s)
}

// depsRead reports whether the item's field in src reads as deps.
func depsRead(src []byte, section, id, field string, deps []depEntry) bool {
	var doc map[string]any
	if yaml.Unmarshal(src, &doc) != nil {
		return false
	}
	list, _ := doc[section].([]any)
	for _, it := range list {
		m, _ := it.(map[string]any)
		if m == nil || fmt.Sprint(m["id"]) != id {
			continue
		}
		got, _ := m[field].([]any)
		if len(got) != len(deps) {
			return false
		}
		for i, e := range deps {
			switch g := got[i].(type) {
			case string:
				if e.lag != "" || g != e.id {
					return false
				}
			case map[string]any:
				if len(g) != 2 || g["id"] != e.id || g["lag"] != e.lag {
					return false
				}
			default:
				return false
			}
		}
		return true
	}
	return false
}
