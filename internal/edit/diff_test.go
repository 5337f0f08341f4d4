package edit

import (
	"strings"
	"testing"
)

func TestUnifiedDiff(t *testing.T) {
	a := "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n11\n12\n13\n14\n15\n"
	b := strings.Replace(strings.Replace(a, "2\n", "two\n", 1), "14\n", "14\nfourteen and a half\n", 1)
	want := `--- a/f.yaml
+++ b/f.yaml
@@ -1,5 +1,5 @@
 1
-2
+two
 3
 4
 5
@@ -12,4 +12,5 @@
 12
 13
 14
+fourteen and a half
 15
`
	if got := UnifiedDiff("f.yaml", []byte(a), []byte(b)); got != want {
		t.Errorf("got\n%s\nwant\n%s", got, want)
	}
	if got := UnifiedDiff("f.yaml", []byte(a), []byte(a)); got != "" {
		t.Errorf("same text: got %q", got)
	}
	want = "--- /dev/null\n+++ b/new.yaml\n@@ -0,0 +1,2 @@\n+a\n+b\n\\ No newline at end of file\n"
	if got := UnifiedDiff("new.yaml", nil, []byte("a\nb")); got != want {
		t.Errorf("new file: got\n%s\nwant\n%s", got, want)
	}
}

func TestRelPath(t *testing.T) {
	for _, tc := range []struct{ prefix, display, want string }{
		{".", "milestones.yaml", "milestones.yaml"},
		{"programme", "programme/ws/a.yaml", "ws/a.yaml"},
		{"./programme/", "programme/a.yaml", "a.yaml"},
		{"..", "../a.yaml", "a.yaml"},
		{"/", "/a.yaml", "a.yaml"},
		{"/tmp/p", "/tmp/p/a.yaml", "a.yaml"},
	} {
		if got, err := RelPath(tc.prefix, tc.display); err != nil || got != tc.want {
			t.Errorf("RelPath(%q, %q) = %q, %v; want %q", tc.prefix, tc.display, got, err, tc.want)
		}
	}
	if _, err := RelPath("programme", "other/a.yaml"); err == nil {
		t.Error("a file outside the prefix: no error")
	}
}
