package programme

import "strconv"

// Suggest returns `; did you mean "a", "b" or "c"?` naming up to three of
// the candidates nearest to s, or "" when none is near enough to be a
// likely typo. Every "did you mean" oco prints, in a finding or in a
// command's error, is written here, so they all read alike.
func Suggest(s string, candidates []string) string {
	near := Nearest(s, candidates, 3)
	if len(near) == 0 {
		return ""
	}
	q := make([]string, len(near))
	for i, n := range near {
		q[i] = strconv.Quote(n)
	}
	return "; did you mean " + OrList(q) + "?"
}

// OrList joins words as a sentence does: "a", "a or b", "a, b or c".
func OrList(words []string) string {
	switch len(words) {
	case 0:
		return ""
	case 1:
		return words[0]
	}
	n := len(words) - 1
	s := words[0]
	for _, w := range words[1:n] {
		s += ", " + w
	}
	return s + " or " + words[n]
}
