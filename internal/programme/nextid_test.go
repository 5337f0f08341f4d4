package programme

import (
	"testing"
	"testing/fstest"
)

func TestNextID(t *testing.T) {
	for _, tc := range []struct {
		yaml string
		kind Kind
		want string
	}{
		{"milestones:\n  - {id: M-21, title: a, due: 2024-01-01}\n  - {id: M-22, title: a, due: 2024-01-01}\n", KindMilestone, "M-23"},
		{"milestones:\n  - {id: M-07, title: a, due: 2024-01-01}\n", KindMilestone, "M-08"},
		{"milestones:\n  - {id: M-09, title: a, due: 2024-01-01}\n", KindMilestone, "M-10"},
		{"milestones:\n  - {id: M-99, title: a, due: 2024-01-01}\n", KindMilestone, "M-100"},
		{"risks:\n  - {id: R-11, title: a}\n  - {id: R-3, title: a}\n", KindRisk, "R-12"},
		{"risks:\n  - {id: r1, title: a}\n", KindRisk, "r2"},
		{"", KindIssue, "I-1"},
		// The next number is taken by another kind: the one after.
		{"issues:\n  - {id: X-1, title: a}\ndecisions:\n  - {id: X-2, title: a, date: 2024-01-01}\n", KindIssue, "X-3"},
		// No pattern; the kind's initial is in use.
		{"people:\n  - {id: ann, name: Ann}\nphases:\n  - {id: P-1, name: a, start: 2024-01-01, end: 2024-02-01}\n", KindPerson, "P-2"},
	} {
		fsys := fstest.MapFS{"programme.yaml": {Data: []byte(tc.yaml)}}
		if got := Load(fsys, "").NextID(tc.kind); got != tc.want {
			t.Errorf("nextID(%s) in\n%s= %s, want %s", tc.kind, tc.yaml, got, tc.want)
		}
	}
}
