package schedule

import "github.com/ocotool/oco/internal/programme"

// BuildEnds is Build for milestones that do not share one end: in a
// portfolio each keeps its own programme's end (ends[i]; zero takes the
// header's), which its slack and negative slack are measured against.
func BuildEnds(p *programme.Programme, asOf programme.Date, ends []programme.Date) *Plan {
	return build(p, asOf, ends)
}

// EndOf is the end task i's slack is measured against.
func (r *Result) EndOf(i int) programme.Date {
	if i < len(r.ends) && r.ends[i] != 0 {
		return r.ends[i]
	}
	return r.End
}
