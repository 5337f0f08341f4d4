package programme

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

// bigFiles is a programme of n milestones in files workstream files, each
// large enough to be split, written as people write them, with some
// mistakes for the loader to find.
func bigFiles(n, files int) fstest.MapFS {
	fsys := fstest.MapFS{"programme.yaml": {Data: []byte(header)}}
	per := n / files
	for w := range files {
		var b strings.Builder
		b.WriteString("# workstream file\nmilestones:\n")
		for i := range per {
			id := w*per + i
			fmt.Fprintf(&b, "  - id: M-%d\n    title: Milestone %d of workstream %d\n    due: 2017-%02d-%02d\n", id, i, w, 1+id%12, 1+id%28)
			if i > 0 {
				fmt.Fprintf(&b, "    depends_on:\n      - M-%d\n      - {id: M-%d, lag: 2d}\n", id-1, id-1)
			}
			if id%97 == 0 {
				b.WriteString("    colour: blue\n") // an unknown field
			}
			if id%89 == 0 {
				b.WriteString("    notes: >\n      a folded note\n      over two lines\n")
			}
		}
		b.WriteString("risks:\n")
		fmt.Fprintf(&b, "  - {id: R-%d, title: Risk, likelihood: 2, impact: 3, affects: [M-%d]}\n", w, w*per)
		fsys[fmt.Sprintf("workstreams/w%02d.yaml", w)] = &fstest.MapFile{Data: []byte(b.String())}
	}
	return fsys
}

// TestParallelLoadIsSequentialLoad checks that loading on several cores,
// with large files split at their items, gives exactly what one core
// gives: the same items, positions and findings in the same order.
func TestParallelLoadIsSequentialLoad(t *testing.T) {
	fsys := bigFiles(20_000, 4)
	// One broken item in a large file: the split fails and the file is
	// read by recovery, on either path.
	broken := string(fsys["workstreams/w01.yaml"].Data)
	broken = strings.Replace(broken, "title: Milestone 7 of", `title: "Milestone 7 of`, 1)
	fsys["workstreams/w01.yaml"] = &fstest.MapFile{Data: []byte(broken)}

	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	one := Load(fsys, "p")
	runtime.GOMAXPROCS(4)
	if _, split := parseSplit(fsys["workstreams/w00.yaml"].Data); !split {
		t.Fatal("a large file of block lists was not split")
	}
	if _, split := parseSplit([]byte(broken)); split {
		t.Fatal("a file with a broken item was split")
	}
	four := Load(fsys, "p")
	if len(one.Milestones) != 20_000-1 {
		t.Errorf("%d milestones loaded, want all but the broken one", len(one.Milestones))
	}
	if len(one.Findings) == 0 || len(one.Broken) != 1 {
		t.Errorf("%d findings, %d broken files: want the unknown fields and the broken item", len(one.Findings), len(one.Broken))
	}
	if !reflect.DeepEqual(one, four) {
		t.Errorf("loading on 4 cores differs from loading on 1")
		for i := range min(len(one.Findings), len(four.Findings)) {
			if one.Findings[i] != four.Findings[i] {
				t.Errorf("first difference: finding %d: %v against %v", i, one.Findings[i], four.Findings[i])
				break
			}
		}
	}
}

func BenchmarkLoadBig(b *testing.B) {
	fsys := bigFiles(100_000, 20)
	size := 0
	for _, f := range fsys {
		size += len(f.Data)
	}
	b.SetBytes(int64(size))
	for b.Loop() {
		Load(fsys, "p")
	}
}

func TestTiesItems(t *testing.T) {
	for src, want := range map[string]bool{
		"milestones:\n  - id: M-1\n    title: Day 1 & 2 * 3!\n": false,
		"milestones:\n  - &a {id: M-1}\n":                       true,
		"milestones:\n  - *a\n":                                 true,
		"owner: !!str x\n":                                      true,
		"risks: [*r]\n":                                         true,
		"%YAML 1.2\n---\nrisks: []\n":                           true,
		"risks: []\n---\n":                                      true,
		"risks: []\n...\n":                                      true,
		"notes: a---b and c...d\n":                              false,
	} {
		if got := tiesItems([]byte(src)); got != want {
			t.Errorf("tiesItems(%q) = %v, want %v", src, got, want)
		}
	}
}
