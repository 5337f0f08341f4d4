package programme

// Kind names a kind of item, in the singular: "milestone", "risk".
type Kind string

const (
	KindProgramme  Kind = "programme"
	KindPerson     Kind = "person"
	KindBody       Kind = "body"
	KindWorkstream Kind = "workstream"
	KindPhase      Kind = "phase"
	KindMilestone  Kind = "milestone"
	KindRisk       Kind = "risk"
	KindAssumption Kind = "assumption"
	KindIssue      Kind = "issue"
	KindDecision   Kind = "decision"
	KindBenefit    Kind = "benefit"
	KindCalendar   Kind = "calendar"

	// The board cycle (SPEC 7.3).
	KindAssessment Kind = "assessment"
	KindLesson     Kind = "lesson"
)

// Sections lists the top-level keys of a programme file, in canonical order,
// with the kind of item each holds.
var Sections = []struct {
	Name string
	Kind Kind
}{
	{"programme", KindProgramme},
	{"people", KindPerson},
	{"bodies", KindBody},
	{"workstreams", KindWorkstream},
	{"phases", KindPhase},
	{"milestones", KindMilestone},
	{"risks", KindRisk},
	{"assumptions", KindAssumption},
	{"issues", KindIssue},
	{"decisions", KindDecision},
	{"benefits", KindBenefit},
	{"calendars", KindCalendar},

	// The board cycle (SPEC 7.3).
	{"assessments", KindAssessment},
	{"lessons", KindLesson},
}

// Ref is an item found by its id.
type Ref struct {
	Kind Kind
	Item any   // *Person, *Body, *Milestone, ...
	At   *Item // where it is defined
}
