package programme

import (
	"reflect"
	"strconv"
	"strings"
	"sync"
)

// ValueKind is the shape of a field's value in the file format.
type ValueKind string

const (
	KindText   ValueKind = "text"
	KindID     ValueKind = "id"
	KindDate   ValueKind = "date"
	KindInt    ValueKind = "int"
	KindEnum   ValueKind = "enum"
	KindRef    ValueKind = "ref"
	KindRefs   ValueKind = "refs"
	KindDeps   ValueKind = "deps"
	KindLag    ValueKind = "lag"
	KindStruct ValueKind = "mapping"
	// Added with calendars and schedule confidence (SPEC 7.2, 7.4).
	KindWeekdays ValueKind = "weekdays" // a list of mon..sun
	KindHolidays ValueKind = "holidays" // a list of dates or {date, name}
	KindNumber   ValueKind = "number"   // a decimal number
)

// Field describes one key of the file format, read from the model's tags.
type Field struct {
	Name     string
	Kind     ValueKind
	Required bool
	Refs     []Kind   // for ref and refs: the kinds it may name; nil means any
	Enum     []string // for enum
	Min, Max int      // for int, where HasRange
	HasRange bool
	Sub      []Field // for mapping and deps: the keys inside

	index []int
}

type structInfo struct {
	fields []Field
	byName map[string]int
}

var (
	dateType = reflect.TypeOf(Date(0))
	lagType  = reflect.TypeOf(Lag(0))
	depsType = reflect.TypeOf([]Dep(nil))
	spanType = reflect.TypeOf(Span{})
	holsType = reflect.TypeOf([]Holiday(nil))
	infos    = map[reflect.Type]*structInfo{}
)

// infoOf is the struct's field information. Every struct the loader
// decodes is an item's, or reached from one through its fields, so all
// are built together on first use and only read from then on, by every
// core that loads files.
func infoOf(t reflect.Type) *structInfo { return allInfos()[t] }

var allInfos = sync.OnceValue(func() map[reflect.Type]*structInfo {
	for _, t := range kindTypes {
		buildInfo(t)
	}
	return infos
})

func buildInfo(t reflect.Type) *structInfo {
	if si, ok := infos[t]; ok {
		return si
	}
	si := &structInfo{byName: map[string]int{}}
	infos[t] = si
	for i := 0; i < t.NumField(); i++ {
		sf := t.Field(i)
		tag := sf.Tag.Get("oco")
		if tag == "" || tag == "-" {
			continue
		}
		f := Field{index: sf.Index}
		for n, part := range strings.Split(tag, ",") {
			k, v, _ := strings.Cut(part, "=")
			switch {
			case n == 0:
				f.Name = part
			case k == "required":
				f.Required = true
			case k == "kind":
				f.Kind = ValueKind(v)
			case k == "ref":
				if v != "any" {
					for _, r := range strings.Split(v, "|") {
						f.Refs = append(f.Refs, Kind(r))
					}
				}
				if f.Kind == "" {
					f.Kind = KindRef
				}
			case k == "enum":
				f.Enum = strings.Split(v, "|")
				f.Kind = KindEnum
			case k == "min":
				f.Min, _ = strconv.Atoi(v)
				f.HasRange = true
			case k == "max":
				f.Max, _ = strconv.Atoi(v)
				f.HasRange = true
			}
		}
		switch {
		case f.Kind == KindWeekdays:
		case sf.Type == spanType:
			f.Kind = KindLag
		case sf.Type == holsType:
			f.Kind = KindHolidays
			f.Sub = buildInfo(holsType.Elem()).fields
		case sf.Type.Kind() == reflect.Float64:
			f.Kind = KindNumber
		case sf.Type == dateType:
			f.Kind = KindDate
		case sf.Type == lagType:
			f.Kind = KindLag
		case sf.Type == depsType:
			f.Kind = KindDeps
			f.Sub = buildInfo(depsType.Elem()).fields
		case sf.Type.Kind() == reflect.Int:
			f.Kind = KindInt
		case sf.Type.Kind() == reflect.Slice:
			f.Kind = KindRefs
		case sf.Type.Kind() == reflect.Pointer:
			f.Kind = KindStruct
			f.Sub = buildInfo(sf.Type.Elem()).fields
		case sf.Type.Kind() == reflect.Map:
			f.Kind = KindMap
			f.Sub = buildInfo(sf.Type.Elem().Elem()).fields
		case f.Kind == "":
			f.Kind = KindText
		}
		si.byName[f.Name] = len(si.fields)
		si.fields = append(si.fields, f)
	}
	return si
}

var kindTypes = map[Kind]reflect.Type{
	KindProgramme:  reflect.TypeOf(Header{}),
	KindPerson:     reflect.TypeOf(Person{}),
	KindBody:       reflect.TypeOf(Body{}),
	KindWorkstream: reflect.TypeOf(Workstream{}),
	KindPhase:      reflect.TypeOf(Phase{}),
	KindMilestone:  reflect.TypeOf(Milestone{}),
	KindRisk:       reflect.TypeOf(Risk{}),
	KindAssumption: reflect.TypeOf(Assumption{}),
	KindIssue:      reflect.TypeOf(Issue{}),
	KindDecision:   reflect.TypeOf(Decision{}),
	KindBenefit:    reflect.TypeOf(Benefit{}),
	KindCalendar:   reflect.TypeOf(Calendar{}),

	// The board cycle (SPEC 7.3).
	KindAssessment: reflect.TypeOf(Assessment{}),
	KindLesson:     reflect.TypeOf(Lesson{}),
}

// Fields returns the keys of an item of kind k, in the format's canonical
// order (the order of SPEC section 3).
func Fields(k Kind) []Field {
	t, ok := kindTypes[k]
	if !ok {
		return nil
	}
	return infoOf(t).fields
}

// FieldOf returns the field of kind k named name.
func FieldOf(k Kind, name string) (Field, bool) {
	for _, f := range Fields(k) {
		if f.Name == name {
			return f, true
		}
	}
	return Field{}, false
}

// SectionKind returns the kind of item a top-level section holds.
func SectionKind(section string) (Kind, bool) {
	for _, s := range Sections {
		if s.Name == section {
			return s.Kind, true
		}
	}
	return "", false
}

// SectionOf returns the top-level section that holds items of kind k.
func SectionOf(k Kind) string {
	for _, s := range Sections {
		if s.Kind == k {
			return s.Name
		}
	}
	return ""
}

// KeyOrder returns the canonical order of keys for every mapping in the
// format: "" for the top-level sections, a section name for its items, and
// "section.field" for a mapping inside an item.
func KeyOrder() map[string][]string {
	names := func(fs []Field) []string {
		out := make([]string, len(fs))
		for i, f := range fs {
			out[i] = f.Name
		}
		return out
	}
	order := map[string][]string{}
	var top []string
	for _, s := range Sections {
		top = append(top, s.Name)
		fs := Fields(s.Kind)
		order[s.Name] = names(fs)
		for _, f := range fs {
			if f.Sub != nil {
				order[s.Name+"."+f.Name] = names(f.Sub)
			}
		}
	}
	order[""] = top
	return order
}
