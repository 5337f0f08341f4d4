package edit

import (
	"errors"

	"github.com/ocotool/oco/internal/programme"
)

// DoneResult is the outcome of Done.
type DoneResult struct {
	*SetResult
	Was     string // the done date the milestone had, "" for none
	Already bool   // it was done already and nothing was asked to move it
}

var errAlready = errors.New("already done")

// Done marks the milestone done on date, or with undo not done. A
// milestone already done stays done on its first date unless moved says
// the date was asked for.
func (s *Source) Done(id string, date programme.Date, moved, undo, dryRun bool) (*DoneResult, error) {
	t, err := s.Find(id)
	if err != nil {
		return nil, err
	}
	if t.Kind != programme.KindMilestone {
		return nil, usagef("%s is %s: only milestones are done (use oco set %s status=... where it has a status)", id, WithArticle(t.Kind), id)
	}
	arg := "done="
	if !undo {
		arg += date.String()
	}
	as, err := t.Parse([]string{arg}, date)
	if err != nil {
		return nil, err
	}
	out := &DoneResult{}
	res, err := s.SetParsed(t, as, dryRun, func(field func(string) (string, bool)) error {
		out.Was, _ = field("done")
		if out.Was != "" && !undo && !moved {
			return errAlready
		}
		return nil
	})
	out.SetResult = res
	if errors.Is(err, errAlready) {
		out.Already = true
		return out, nil
	}
	return out, err
}
