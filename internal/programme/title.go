package programme

// TitleOf is what an item is called: its title, name or statement; "" for
// a kind that has none, such as an assessment.
func TitleOf(v any) string {
	switch x := v.(type) {
	case *Header:
		return x.Name
	case *Person:
		return x.Name
	case *Body:
		return x.Name
	case *Workstream:
		return x.Name
	case *Phase:
		return x.Name
	case *Milestone:
		return x.Title
	case *Risk:
		return x.Title
	case *Assumption:
		return x.Statement
	case *Issue:
		return x.Title
	case *Decision:
		return x.Title
	case *Benefit:
		return x.Title
	case *Calendar:
		return x.Name
	case *Lesson:
		return x.Title
	}
	return ""
}
