package programme

import (
	"reflect"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// KindMap is a mapping from ids (of other programmes) to mappings of the
// same fields each, as `programme.upstream` is.
const KindMap ValueKind = "map"

// Pins are what a programme last agreed with each other programme, by
// programme id: `programme.upstream`.
type Pins map[string]*Pin

// Pin is what a programme last agreed with another programme: that
// programme's repository and the commit agreed (SPEC 7.5, `programme.upstream`).
type Pin struct {
	Repo string `oco:"repo"`
	Ref  string `oco:"ref,required"`
	// Dir is the programme directory inside the repository: by default
	// programme/ where there is one, else the top.
	Dir string `oco:"dir"`
	// Pos is where the pin's key is; RefPos where its ref value is, so that
	// re-pinning changes that one value.
	Pos    Pos `oco:"-"`
	RefPos Pos `oco:"-"`
}

// CrossRef is a reference to a milestone of another programme,
// `lco:M-12`: the programme's id and the milestone's.
type CrossRef struct {
	Programme, ID string
}

func (r CrossRef) String() string { return r.Programme + ":" + r.ID }

// ParseCrossRef reads `programme:ID`; ok is false for anything else,
// including a plain id.
func ParseCrossRef(s string) (CrossRef, bool) {
	prog, id, ok := strings.Cut(s, ":")
	if !ok || !ValidID(prog) || !ValidID(id) {
		return CrossRef{}, false
	}
	return CrossRef{prog, id}, true
}

// ExternalLink is one link from a milestone of this programme to a
// milestone of another.
type ExternalLink struct {
	Milestone *Milestone
	Dep       Dep
	Ref       CrossRef
}

// ExternalLinks lists every cross-programme link of p, in file order.
func (p *Programme) ExternalLinks() []ExternalLink {
	var out []ExternalLink
	for _, m := range p.Milestones {
		for _, d := range m.DependsOn {
			if r, ok := ParseCrossRef(d.ID); ok {
				out = append(out, ExternalLink{Milestone: m, Dep: d, Ref: r})
			}
		}
	}
	return out
}

// ExternalProgrammes lists, sorted, the other programmes p links to.
func (p *Programme) ExternalProgrammes() []string {
	var out []string
	for _, l := range p.ExternalLinks() {
		if !slices.Contains(out, l.Ref.Programme) {
			out = append(out, l.Ref.Programme)
		}
	}
	slices.Sort(out)
	return out
}

// mapValue decodes a mapping from ids to mappings, such as
// `programme.upstream`, into dst, a map from string to a struct pointer.
func (l *loader) mapValue(name, id string, f Field, v *yaml.Node, dst reflect.Value) {
	if v.Kind != yaml.MappingNode {
		l.errorID(v, id, "type", "%s: %s must be a mapping of programme ids to {repo, ref}, not %s", name, f.Name, shape(v))
		return
	}
	elem := dst.Type().Elem().Elem()
	out := reflect.MakeMap(dst.Type())
	for _, kv := range l.pairs(v) {
		k, val := kv[0], l.resolve(kv[1])
		if !l.spend(1) {
			return
		}
		if !ValidID(k.Value) {
			l.errorID(k, id, "invalid-id", "%s: %s key %s is not a valid programme id", name, f.Name, Quote(k.Value))
			continue
		}
		if val == nil || val.Kind != yaml.MappingNode {
			l.errorID(kv[1], id, "type", "%s: %s %s must be a mapping such as {repo: ..., ref: ...}, not %s", name, f.Name, k.Value, shape(kv[1]))
			continue
		}
		ptr := reflect.New(elem)
		l.fields(name+" "+f.Name+" "+k.Value, id, infoOf(elem), val, ptr.Elem(), nil)
		if pin, ok := ptr.Interface().(*Pin); ok {
			pin.Pos = l.pos(k)
			if r := MapValue(val, "ref"); r != nil {
				pin.RefPos = l.pos(r)
			}
		}
		out.SetMapIndex(reflect.ValueOf(k.Value), ptr)
	}
	dst.Set(out)
}
