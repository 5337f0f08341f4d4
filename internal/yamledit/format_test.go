package yamledit

import (
	"os"
	"testing"

	"go.yaml.in/yaml/v3"
)

func TestFormat(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{
			name: "out-of-order keys mended, comments and blank lines kept",
			src:  "# head\n\nmilestones:\n\n  - due: 2016-09-30  # approved\n    # the id\n    id: M-01\n    title: A\n\n  - title: B\n    id: M-02\n    colour: red\n    due: 2016-10-01\n",
			want: "# head\n\nmilestones:\n\n    # the id\n  - id: M-01\n    title: A\n    due: 2016-09-30  # approved\n\n  - id: M-02\n    title: B\n    due: 2016-10-01\n    colour: red\n",
		},
		{
			name: "quoted dates unquoted, other quoted text kept",
			src:  "programme:\n  id: oco\n  name: \"2016\"\n  start: \"2016-09-01\"\n  end: '2018-03-31'  # end\n",
			want: "programme:\n  id: oco\n  name: \"2016\"\n  start: 2016-09-01\n  end: 2018-03-31  # end\n",
		},
		{
			name: "indentation made two spaces, items under their key",
			src:  "milestones:\n- id: M-01\n  notes: |\n    two\n      deep\n  depends_on:\n  -   id: M-00\n      lag: 2w\nrisks:\n    -    id: R-1\n         target:\n             likelihood: 2\n",
			want: "milestones:\n  - id: M-01\n    depends_on:\n      - id: M-00\n        lag: 2w\n    notes: |\n      two\n        deep\nrisks:\n  - id: R-1\n    target:\n      likelihood: 2\n",
		},
		{
			name: "nested mappings reordered",
			src:  "programme:\n  tolerances:\n    red_days: 30\n    amber_days: 14\n  id: oco\n",
			want: "programme:\n  id: oco\n  tolerances:\n    amber_days: 14\n    red_days: 30\n",
		},
		{
			name: "CRLF and no final line ending",
			src:  "milestones:\r\n  - title: A\r\n    id: M-01",
			want: "milestones:\r\n  - id: M-01\r\n    title: A",
		},
		{
			name: "sections keep their order, flow items stay",
			src:  "risks:\n  - {title: A, id: R-1}\nmilestones: []\nprogramme: {id: x}\n",
			want: "risks:\n  - {title: A, id: R-1}\nmilestones: []\nprogramme: {id: x}\n",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Format([]byte(tt.src), order)
			if err != nil {
				t.Fatal(err)
			}
			if string(got) != tt.want {
				t.Fatalf("got:\n%s\nwant:\n%s", got, tt.want)
			}
			checkFormat(t, []byte(tt.src), got)
		})
	}
}

// checkFormat asserts Format's properties: the result means what src
// meant, and formatting it again changes nothing.
func checkFormat(t testing.TB, src, got []byte) {
	t.Helper()
	var a, b any
	if err := yaml.Unmarshal(src, &a); err != nil {
		t.Fatal(err)
	}
	if err := yaml.Unmarshal(got, &b); err != nil {
		t.Fatalf("result does not parse: %v\n%s", err, got)
	}
	if !equal(normalize(a), normalize(b)) {
		t.Fatalf("meaning changed:\n%s\n---\n%s", src, got)
	}
	again, err := Format(got, order)
	if err != nil {
		t.Fatalf("formatting the result: %v\n%s", err, got)
	}
	if string(again) != string(got) {
		t.Fatalf("not a fixed point:\n%s\n---\n%s", got, again)
	}
}

// TestFormatCanonical checks that the shipped programme, kept canonical,
// comes back byte for byte.
func TestFormatCanonical(t *testing.T) {
	for _, name := range []string{"programme.yaml", "phases.yaml", "milestones.yaml", "risks.yaml"} {
		src, err := os.ReadFile("../../programme/" + name)
		if err != nil {
			t.Skip(err)
		}
		got, err := Format(src, Order{})
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != string(src) {
			t.Errorf("%s changed", name)
		}
		if got, _ := Format(src, order); string(got) != string(src) {
			checkFormat(t, src, got)
		}
	}
}

// TestFormatTopLevels checks that fmt takes every top level the loader
// takes: a file with no data stays as it is, and a flow mapping becomes a
// block mapping of its sections, each written as it was.
func TestFormatTopLevels(t *testing.T) {
	cases := []struct{ name, src, want string }{
		{"empty", "", ""},
		{"comments only", "# nothing yet\n", "# nothing yet\n"},
		{"document marker", "---\n", "---\n"},
		{"null", "~\n", "~\n"},
		{"null word", "null\n", "null\n"},
		{"empty mapping", "{}\n", "{}\n"},
		{"flow mapping", "{milestones: [{id: M-1, due: '2017-09-01'}], risks: []}\n",
			"milestones: [{id: M-1, due: 2017-09-01}]\nrisks: []\n"},
		{"flow mapping after a comment", "# all in one line\n{risks: [{id: R-1}]}\n",
			"# all in one line\nrisks: [{id: R-1}]\n"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Format([]byte(tc.src), Order{})
			if err != nil {
				t.Fatalf("Format: %v", err)
			}
			if string(got) != tc.want {
				t.Errorf("Format gave\n%s\nwant\n%s", got, tc.want)
			}
			ok, err := Canonical([]byte(tc.src), Order{})
			if err != nil || ok != (tc.src == tc.want) {
				t.Errorf("Canonical = %v, %v; want %v", ok, err, tc.src == tc.want)
			}
			again, err := Format(got, Order{})
			if err != nil || string(again) != string(got) {
				t.Errorf("not a fixed point: %q, %v", again, err)
			}
		})
	}
}
