package compare

import "github.com/ocotool/oco/internal/programme"

// Section is the changes to one kind of item.
type Section struct {
	Kind    programme.Kind
	Title   string
	Changes []Change
}

// sectionOrder is the kinds a diff reports, in the order it reports them.
var sectionOrder = []struct {
	kind  programme.Kind
	title string
}{
	{programme.KindMilestone, "Milestones"},
	{programme.KindPhase, "Phases"},
	{programme.KindRisk, "Risks"},
	{programme.KindAssumption, "Assumptions"},
	{programme.KindIssue, "Issues"},
	{programme.KindDecision, "Decisions"},
	{programme.KindBenefit, "Benefits"},
	{programme.KindProgramme, "Pinned programmes"},
}

// Sections groups the changes by kind, milestones first; a kind with no
// change has no section.
func (r *Result) Sections() []Section {
	var out []Section
	for _, sec := range sectionOrder {
		var chs []Change
		for _, ch := range r.Changes {
			if ch.Kind == sec.kind {
				chs = append(chs, ch)
			}
		}
		if len(chs) > 0 {
			out = append(out, Section{Kind: sec.kind, Title: sec.title, Changes: chs})
		}
	}
	return out
}
