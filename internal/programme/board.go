package programme

import "slices"

// The board cycle (SPEC 7.3): delivery confidence assessments, lessons,
// the board's tolerances and the programme's cost.

// Assessment is a delivery confidence assessment, one per board.
type Assessment struct {
	Item
	ID        string `oco:"id,required,kind=id"`
	Date      Date   `oco:"date,required"`
	Rating    string `oco:"rating,required,enum=green|amber-green|amber|amber-red|red"`
	By        string `oco:"by,ref=body"`
	Rationale string `oco:"rationale"`
	Source    string `oco:"source"`
}

// Lesson is a lesson learned, for the lessons log.
type Lesson struct {
	Item
	ID      string   `oco:"id,required,kind=id"`
	Title   string   `oco:"title,required"`
	Date    Date     `oco:"date"`
	Owner   string   `oco:"owner,ref=person|body"`
	Detail  string   `oco:"detail"`
	Affects []string `oco:"affects,ref=any"`
}

// The five-point Delivery Confidence Assessment scale, best first.
const (
	DCAGreen      = "green"
	DCAAmberGreen = "amber-green"
	DCAAmber      = "amber"
	DCAAmberRed   = "amber-red"
	DCARed        = "red"
)

// DCAScale lists the ratings best first; a rating's index is its rank.
var DCAScale = []string{DCAGreen, DCAAmberGreen, DCAAmber, DCAAmberRed, DCARed}

// DCARank is a rating's place on the scale, 0 (green) to 4 (red), or -1.
func DCARank(rating string) int { return slices.Index(DCAScale, rating) }

// DCALetter is the rating's short form, which carries it without colour.
func DCALetter(rating string) string {
	switch rating {
	case DCAGreen:
		return "G"
	case DCAAmberGreen:
		return "AG"
	case DCAAmber:
		return "A"
	case DCAAmberRed:
		return "AR"
	case DCARed:
		return "R"
	}
	return "?"
}

// Limit is a board tolerance: a whole number, or NotSet where the
// programme gives none, since zero is a tolerance of its own ("no day past
// the end").
type Limit int

// NotSet marks a board tolerance the programme does not give.
const NotSet Limit = -1

// Set reports whether the programme gives the tolerance.
func (l Limit) Set() bool { return l >= 0 }

func init() {
	DefaultTolerances.EndDays = NotSet
	DefaultTolerances.CostPercent = NotSet
	DefaultTolerances.RedRisks = NotSet
	DefaultTolerances.BenefitsAtRisk = NotSet
}

// DefaultBoardTag is the git tag pattern of the revisions boards saw.
const DefaultBoardTag = "board-*"

// BoardTagPattern is programme.board_tag, or its default.
func (p *Programme) BoardTagPattern() string {
	if p.Header.BoardTag != "" {
		return p.Header.BoardTag
	}
	return DefaultBoardTag
}

// CurrencyCode is programme.currency, or GBP.
func (p *Programme) CurrencyCode() string {
	if p.Header.Currency != "" {
		return p.Header.Currency
	}
	return "GBP"
}

// Assessed returns the assessments dated on or before asOf, oldest first
// (in file order where two share a date).
func (p *Programme) Assessed(asOf Date) []*Assessment {
	var out []*Assessment
	for _, a := range p.Assessments {
		if !a.Date.IsZero() && (asOf.IsZero() || a.Date <= asOf) && DCARank(a.Rating) >= 0 {
			out = append(out, a)
		}
	}
	slices.SortStableFunc(out, func(a, b *Assessment) int { return int(a.Date - b.Date) })
	return out
}

// LatestAssessment is the newest assessment on or before asOf, or nil.
func (p *Programme) LatestAssessment(asOf Date) *Assessment {
	as := p.Assessed(asOf)
	if len(as) == 0 {
		return nil
	}
	return as[len(as)-1]
}

// DisplayName is the name of the person or body id names, or id itself
// where it names neither: a board reads names, not ids.
func (p *Programme) DisplayName(id string) string {
	if id == "" {
		return ""
	}
	if ref, ok := p.Lookup(id); ok {
		switch it := ref.Item.(type) {
		case *Person:
			if it.Name != "" {
				return it.Name
			}
		case *Body:
			if it.Name != "" {
				return it.Name
			}
		}
	}
	return id
}

// HasCost reports whether the programme gives a budget to measure its
// forecast cost against.
func (h *Header) HasCost() bool { return h.Budget > 0 }

// Decision finds a decision by id, or nil.
func (p *Programme) Decision(id string) *Decision {
	if ref, ok := p.Lookup(id); ok {
		if d, ok := ref.Item.(*Decision); ok {
			return d
		}
	}
	return nil
}

// Risk finds a risk by id, or nil.
func (p *Programme) Risk(id string) *Risk {
	if ref, ok := p.Lookup(id); ok {
		if r, ok := ref.Item.(*Risk); ok {
			return r
		}
	}
	return nil
}
