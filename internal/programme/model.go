package programme

import "strconv"

// The model mirrors the file format. Each field's `oco` tag is the format's
// own definition of it: its key, whether it is required, and what values it
// takes. The loader, the canonical key order of `oco fmt`, the value parsing
// of `oco set` and `oco schema` are all read from these tags, so they cannot
// drift apart.
//
// Tag grammar: name[,required][,kind=K][,ref=KIND|KIND][,enum=a|b][,min=N][,max=N]
// where K is one of text, id, date, int, enum, ref, refs, deps, lag.

// Item is what every kind of programme item shares: where it was defined,
// and where each of its keys and list entries is. Positions are kept in
// this compact form rather than as the parsed YAML, which is many times
// the size of the file.
type Item struct {
	File      string      `oco:"-"`
	Line, Col int         `oco:"-"` // where the item starts; 0 when not known
	si        *structInfo // the kind's fields, which keys name by index
	keys      []keyAt
	elems     []int32 // line and column of each list entry the model kept, key after key
}

// keyAt is where one key of an item is, and what its value looks like:
// 16 bytes, as a programme holds one for every key of every item.
type keyAt struct {
	line, col int32
	elem      int32  // where this key's entries start in Item.elems
	nelem     uint16 // how many entries
	field     uint8  // the index of the key's field in Item.si, or noField
	flags     uint8  // keyNull, keyBlank
}

const (
	noField  = 255    // a key that is no field of the kind
	keyNull  = 1      // no value at all
	keyBlank = 1 << 1 // no value, or text of spaces only
)

// Programme is the whole programme as loaded from a directory.
type Programme struct {
	Header      Header
	People      []*Person
	Bodies      []*Body
	Workstreams []*Workstream
	Phases      []*Phase
	Milestones  []*Milestone
	Risks       []*Risk
	Assumptions []*Assumption
	Issues      []*Issue
	Decisions   []*Decision
	Benefits    []*Benefit
	Calendars   []*Calendar

	// The board cycle (SPEC 7.3).
	Assessments []*Assessment
	Lessons     []*Lesson

	// Files lists the files read, in the order they were read.
	Files []string
	// Findings are the problems found while loading: syntax, shape, values.
	Findings []Finding
	// Unread lists the files (and folders) that could not be read at all:
	// the programme is incomplete, so a command cannot trust its answer.
	Unread []string
	// Broken lists the files that could not be parsed whole, and what of
	// them was lost.
	Broken []Broken

	index map[string]Ref
}

// Header is the `programme` section.
type Header struct {
	Item
	ID          string      `oco:"id,required,kind=id"`
	Name        string      `oco:"name,required"`
	Description string      `oco:"description"`
	Start       Date        `oco:"start,required"`
	End         Date        `oco:"end,required"`
	AsOf        Date        `oco:"as_of"`
	Owner       string      `oco:"owner,ref=person|body"`
	Upstream    Pins        `oco:"upstream"` // SPEC 7.5
	Tolerances  *Tolerances `oco:"tolerances"`
	RiskBands   *RiskBands  `oco:"risk_bands"`
	Calendar    string      `oco:"calendar,ref=calendar"`
	// RiskProbability is how likely a risk of each likelihood is to occur
	// in one run of `oco forecast`.
	RiskProbability *RiskProbability `oco:"risk_probability"`

	// The board cycle and cost (SPEC 7.3).
	Budget       int    `oco:"budget,min=0,max=1000000000000"`
	ForecastCost int    `oco:"forecast_cost,min=0,max=1000000000000"`
	Currency     string `oco:"currency"`
	BoardTag     string `oco:"board_tag"`
}

// Tolerances set how far a milestone may slip before it turns amber or red.
type Tolerances struct {
	AmberDays   int `oco:"amber_days,min=0,max=100000"`
	RedDays     int `oco:"red_days,min=0,max=100000"`
	DueSoonDays int `oco:"due_soon_days,min=0,max=100000"`

	// The board's tolerances (SPEC 7.3); NotSet where the file gives none.
	EndDays        Limit `oco:"end_days,min=0,max=100000"`
	CostPercent    Limit `oco:"cost_percent,min=0,max=100000"`
	RedRisks       Limit `oco:"red_risks,min=0,max=100000"`
	BenefitsAtRisk Limit `oco:"benefits_at_risk,min=0,max=100000"`
}

// RiskBands set the scores at which a risk turns amber or red.
type RiskBands struct {
	Amber int `oco:"amber,min=1,max=25"`
	Red   int `oco:"red,min=1,max=25"`
}

type Person struct {
	Item
	ID   string `oco:"id,required,kind=id"`
	Name string `oco:"name,required"`
	Role string `oco:"role"`
	Org  string `oco:"org"`
}

// Body is a board, team or group.
type Body struct {
	Item
	ID        string   `oco:"id,required,kind=id"`
	Name      string   `oco:"name,required"`
	Chair     string   `oco:"chair,ref=person"`
	Members   []string `oco:"members,ref=person"`
	ReportsTo string   `oco:"reports_to,ref=body"`
}

type Workstream struct {
	Item
	ID          string `oco:"id,required,kind=id"`
	Name        string `oco:"name,required"`
	Lead        string `oco:"lead,ref=person|body"`
	Body        string `oco:"body,ref=body"`
	Description string `oco:"description"`
	Calendar    string `oco:"calendar,ref=calendar"`

	// Cost (SPEC 7.3).
	Budget       int `oco:"budget,min=0,max=1000000000000"`
	ForecastCost int `oco:"forecast_cost,min=0,max=1000000000000"`
}

type Phase struct {
	Item
	ID        string   `oco:"id,required,kind=id"`
	Name      string   `oco:"name,required"`
	Start     Date     `oco:"start,required"`
	End       Date     `oco:"end,required"`
	Goal      string   `oco:"goal"`
	DependsOn []string `oco:"depends_on,ref=phase"`
	Calendar  string   `oco:"calendar,ref=calendar"`

	// Cost (SPEC 7.3).
	Budget       int `oco:"budget,min=0,max=1000000000000"`
	ForecastCost int `oco:"forecast_cost,min=0,max=1000000000000"`
}

type Milestone struct {
	Item
	ID         string    `oco:"id,required,kind=id"`
	Title      string    `oco:"title,required"`
	Phase      string    `oco:"phase,ref=phase"`
	Workstream string    `oco:"workstream,ref=workstream"`
	Owner      string    `oco:"owner,ref=person|body"`
	Start      Date      `oco:"start"`
	Due        Date      `oco:"due,required"`
	Forecast   Date      `oco:"forecast"`
	Done       Date      `oco:"done"`
	DependsOn  []Dep     `oco:"depends_on"`
	Decision   string    `oco:"decision,ref=decision"`
	Notes      string    `oco:"notes"`
	Source     string    `oco:"source"`
	Calendar   string    `oco:"calendar,ref=calendar"`
	Estimate   *Estimate `oco:"estimate"`
}

// Dep is one link: by default finish-to-start, this milestone cannot come
// before the predecessor's date plus Lag days (SPEC 7.2 for the others).
type Dep struct {
	ID   string `oco:"id,required,ref=milestone"`
	Type string `oco:"type,enum=fs|ss|ff|sf"` // "" is fs
	Lag  Lag    `oco:"lag"`
	// Working says Lag counts working days of the successor's calendar
	// (`5wd`) rather than calendar days.
	Working bool `oco:"-"`
	Pos     Pos  `oco:"-"` // where the list entry is
}

// Lag is a whole number of days; in files it is written `10d` or `2w`, or
// `5wd` for working days (then Dep.Working is set). Negative is a lead.
type Lag int

// String writes a lag as every output prints it, in days: "10d". ParseLag
// reads it back.
func (l Lag) String() string { return strconv.Itoa(int(l)) + "d" }

// LinkTo is m's link to pred: the one of longest lag where it is listed
// twice, since that one sets the date; the zero Dep where there is none.
func (m *Milestone) LinkTo(pred string) Dep {
	var out Dep
	found := false
	for _, d := range m.DependsOn {
		if d.ID == pred && (!found || d.Lag > out.Lag) {
			out, found = d, true
		}
	}
	return out
}

type Risk struct {
	Item
	ID          string   `oco:"id,required,kind=id"`
	Title       string   `oco:"title,required"`
	Description string   `oco:"description"`
	Cause       string   `oco:"cause"`
	Effect      string   `oco:"effect"`
	Owner       string   `oco:"owner,ref=person|body"`
	Likelihood  int      `oco:"likelihood,min=1,max=5"`
	Impact      int      `oco:"impact,min=1,max=5"`
	StatedScore int      `oco:"score,min=1,max=25"` // as written; Score() is derived
	Status      string   `oco:"status,enum=open|closed|occurred"`
	Response    string   `oco:"response,enum=avoid|reduce|transfer|share|accept"`
	Mitigation  string   `oco:"mitigation"`
	Target      *Target  `oco:"target"`
	Affects     []string `oco:"affects,ref=milestone|phase|workstream"`
	Raised      Date     `oco:"raised"`
	ReviewBy    Date     `oco:"review_by"`
	EscalatedTo string   `oco:"escalated_to,ref=body"`
	Issue       string   `oco:"issue,ref=issue"`
	// Schedule is the delay the risk causes to what it affects when it
	// occurs, for `oco forecast`.
	Schedule *RiskSchedule `oco:"schedule"`
}

// Target is the residual position a risk's mitigation aims for.
type Target struct {
	Likelihood int `oco:"likelihood,min=1,max=5"`
	Impact     int `oco:"impact,min=1,max=5"`
}

type Assumption struct {
	Item
	ID         string   `oco:"id,required,kind=id"`
	Statement  string   `oco:"statement,required"`
	Owner      string   `oco:"owner,ref=person|body"`
	Status     string   `oco:"status,enum=unverified|valid|invalid"`
	ValidateBy Date     `oco:"validate_by"`
	Risk       string   `oco:"risk,ref=risk"`
	Affects    []string `oco:"affects,ref=any"`
}

type Issue struct {
	Item
	ID        string   `oco:"id,required,kind=id"`
	Title     string   `oco:"title,required"`
	Owner     string   `oco:"owner,ref=person|body"`
	Raised    Date     `oco:"raised"`
	Priority  string   `oco:"priority,enum=low|medium|high|critical"`
	Status    string   `oco:"status,enum=open|closed"`
	ResolveBy Date     `oco:"resolve_by"`
	Affects   []string `oco:"affects,ref=any"`
	Notes     string   `oco:"notes"`
}

type Decision struct {
	Item
	ID      string   `oco:"id,required,kind=id"`
	Title   string   `oco:"title,required"`
	Date    Date     `oco:"date,required"`
	By      string   `oco:"by,ref=body"`
	Summary string   `oco:"summary"`
	Affects []string `oco:"affects,ref=any"`
}

type Benefit struct {
	Item
	ID        string   `oco:"id,required,kind=id"`
	Title     string   `oco:"title,required"`
	Owner     string   `oco:"owner,ref=person|body"`
	Measure   string   `oco:"measure"`
	Target    string   `oco:"target"`
	By        Date     `oco:"by"`
	Realised  Date     `oco:"realised"`
	EnabledBy []string `oco:"enabled_by,ref=milestone"`
}
