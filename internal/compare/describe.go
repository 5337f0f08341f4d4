package compare

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/ocotool/oco/internal/programme"
)

// Describe says what happened to the item, as a phrase to follow its id:
// "slipped 28 days: 2017-03-31 → 2017-04-28".
func Describe(ch Change) string {
	switch ch.What {
	case Added:
		switch ch.Kind {
		case programme.KindMilestone:
			if ch.By != "" {
				return "added, due " + ch.To + ", forecast " + ch.By
			}
			return "added, due " + ch.To
		case programme.KindRisk:
			return "raised, score " + ch.To
		case programme.KindPhase:
			return "added, " + ch.To
		case programme.KindDecision:
			if ch.By != "" {
				return fmt.Sprintf("taken by %s on %s", ch.By, ch.To)
			}
			return "taken on " + ch.To
		case programme.KindBenefit:
			if ch.To != "" {
				return "added, by " + ch.To
			}
		case programme.KindIssue:
			if ch.To != "" {
				return "raised, priority " + ch.To
			}
			return "raised"
		}
		return "added"
	case Removed:
		return "removed"
	case Done:
		s := "done on " + ch.To
		if ch.Days > 0 {
			s += ", " + programme.Plural(ch.Days, "day") + " after its due date"
		}
		return s
	case Reopened:
		if ch.Kind == programme.KindMilestone {
			return "re-opened: no longer done (was done " + ch.From + ")"
		}
		return fmt.Sprintf("re-opened (was %s)", ch.From)
	case Rebaselined:
		dir := "later"
		n := ch.Days
		if n < 0 {
			dir, n = "earlier", -n
		}
		s := fmt.Sprintf("re-baselined %s %s: due %s → %s", programme.Plural(n, "day"), dir, ch.From, ch.To)
		if ch.By == "" {
			return s + ", with no decision"
		}
		return s + ", decision " + ch.By
	case Slipped, Recovered:
		return fmt.Sprintf("%s %s: %s → %s", ch.What, programme.Plural(ch.Days, "day"), ch.From, ch.To)
	case StatusChanged:
		// From and To are "status, rag": say only the half that changed.
		os, orag, _ := strings.Cut(ch.From, ", ")
		ns, nrag, _ := strings.Cut(ch.To, ", ")
		switch {
		case os == ns:
			return fmt.Sprintf("now %s (was %s)", nrag, orag)
		case orag == nrag:
			return fmt.Sprintf("now %s (was %s)", ns, os)
		}
		return fmt.Sprintf("now %s, %s (was %s, %s)", ns, nrag, os, orag)
	case KnockOn:
		return fmt.Sprintf("pushed %s past its date by %s: expected %s", programme.Plural(ch.Days, "day"), ch.By, ch.To)
	case KnockOnCleared:
		return "no longer pushed past its date by " + ch.By
	case Closed, Occurred:
		return ch.What
	case Rescored, RAGChanged:
		return fmt.Sprintf("score %s → %s", ch.From, ch.To)
	case OwnerChanged:
		return fmt.Sprintf("owner %s → %s", orNone(ch.From), orNone(ch.To))
	case Validated:
		return "validated"
	case Invalidated:
		if ch.By == "" {
			return "invalidated, with no risk raised"
		}
		return "invalidated; raised as risk " + ch.By
	case Moved:
		s := fmt.Sprintf("moved: %s → %s", ch.From, ch.To)
		if ch.Days != 0 {
			s += fmt.Sprintf(" (%s)", signedDays(ch.Days))
		}
		return s
	case Completed:
		return "complete: all milestones done (" + ch.To + ")"
	case Realised:
		return "realised on " + ch.To
	case Reprioritised:
		return fmt.Sprintf("priority %s → %s", orNone(ch.From), orNone(ch.To))
	case Pinned:
		return "pinned at " + ch.To
	case Repinned:
		return fmt.Sprintf("re-pinned from %s to %s", ch.From, ch.To)
	case Unpinned:
		return "no longer pinned (was " + ch.From + ")"
	}
	return ch.What
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// short cuts a title for a headline.
func short(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if r := []rune(s); len(r) > 40 {
		return strings.TrimSpace(string(r[:39])) + "…"
	}
	return s
}

// Headline sums up the change in one line a programme board can read:
// "M-12 slipped 28 days and now pushes M-20 (Day 1)". The most serious
// news comes first; the rest is counted.
func (r *Result) Headline() string {
	var parts []string
	pushes := map[string][]Change{}
	for _, ch := range r.Changes {
		if ch.What == KnockOn {
			pushes[ch.By] = append(pushes[ch.By], ch)
		}
	}
	titles := map[string]string{}
	for _, ch := range r.Changes {
		titles[string(ch.Kind)+ch.ID] = ch.Title
	}
	named := func(id string) string {
		if t := titles[string(programme.KindMilestone)+id]; t != "" {
			return fmt.Sprintf("%s (%s)", id, short(t))
		}
		return id
	}
	slips := slices.Clone(r.Changes)
	slips = slices.DeleteFunc(slips, func(ch Change) bool { return ch.What != Slipped && ch.What != Rebaselined })
	slices.SortStableFunc(slips, func(a, b Change) int { return cmp.Compare(b.Days, a.Days) })
	told := map[string]bool{}
	for _, ch := range slips {
		if ch.Days <= 0 {
			continue
		}
		s := fmt.Sprintf("%s slipped %s", ch.ID, programme.Plural(ch.Days, "day"))
		if ch.What == Rebaselined {
			s = fmt.Sprintf("%s was re-baselined %s later", ch.ID, programme.Plural(ch.Days, "day"))
			if ch.By == "" {
				s += " with no decision"
			}
		}
		if told[ch.ID] {
			continue
		}
		told[ch.ID] = true
		if ps := pushes[ch.ID]; len(ps) > 0 {
			var ids []string
			for _, p := range ps {
				ids = append(ids, named(p.ID))
			}
			s += " and now pushes " + andList(ids)
		}
		parts = append(parts, s)
	}
	var done, overdue, risks, closed, pins []string
	for _, ch := range r.Changes {
		switch {
		case ch.Kind == programme.KindMilestone && ch.What == Done:
			done = append(done, ch.ID)
		case ch.Kind == programme.KindMilestone && ch.What == StatusChanged && strings.HasPrefix(ch.To, programme.StatusOverdue):
			overdue = append(overdue, ch.ID)
		case ch.Kind == programme.KindRisk && ch.What == Added:
			score, rag, _ := strings.Cut(strings.TrimSuffix(ch.To, ")"), " (")
			if rag == "" {
				risks = append(risks, fmt.Sprintf("%s (%s)", ch.ID, score))
			} else {
				risks = append(risks, fmt.Sprintf("%s (%s, score %s)", ch.ID, rag, score))
			}
		case ch.Kind == programme.KindRisk && (ch.What == Closed || ch.What == Occurred):
			closed = append(closed, ch.ID+" "+ch.What)
		case ch.Kind == programme.KindProgramme:
			pins = append(pins, ch.ID+" "+Describe(ch))
		}
	}
	if len(overdue) > 0 {
		parts = append(parts, andList(overdue)+" now overdue")
	}
	parts = append(parts, pins...)
	if len(risks) == 1 {
		parts = append(parts, "new risk "+risks[0])
	} else if len(risks) > 1 {
		parts = append(parts, "new risks "+andList(risks))
	}
	if len(done) > 0 {
		parts = append(parts, andList(done)+" done")
	}
	parts = append(parts, closed...)
	e, w := programme.Count(r.Introduced)
	switch {
	case e > 0 && w > 0:
		parts = append(parts, fmt.Sprintf("%s and %s introduced", programme.Plural(e, "error"), programme.Plural(w, "warning")))
	case e > 0:
		parts = append(parts, programme.Plural(e, "error")+" introduced")
	case w > 0:
		parts = append(parts, programme.Plural(w, "warning")+" introduced")
	}
	if len(parts) == 0 {
		if len(r.Changes) == 0 && len(r.Fixed) == 0 {
			return "No change to the programme."
		}
		parts = append(parts, programme.Plural(len(r.Changes), "change"))
		if len(r.Fixed) > 0 {
			parts = append(parts, programme.Plural(len(r.Fixed), "finding")+" fixed")
		}
	}
	s := strings.Join(parts, "; ")
	// A sentence that starts with an id keeps the id as it is written:
	// ids are case-sensitive.
	if rest, ok := strings.CutPrefix(s, "new "); ok {
		s = "New " + rest
	}
	return s
}

// andList joins words as a sentence does: "a", "a and b", "a, b and c".
func andList(words []string) string {
	if len(words) <= 1 {
		return strings.Join(words, "")
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
