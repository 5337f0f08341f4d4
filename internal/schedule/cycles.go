package schedule

import "slices"

// Cycles returns one loop for each group of nodes that depend on each other,
// in a graph of n nodes where preds(i) lists what node i depends on. Each
// loop starts at the lowest index in its group, follows depends-on links and
// returns to where it started, so [1 2 3 1] reads "1 depends on 2, 2 on 3, 3
// on 1". Self-links and indices outside 0..n-1 are left to other checks and
// ignored here. Loops come in order of their first index.
func Cycles(n int, preds func(i int) []int) [][]int {
	start := make([]int32, n+1)
	var adj []int32
	for i := range n {
		for _, p := range preds(i) {
			if p >= 0 && p < n && p != i {
				adj = append(adj, int32(p))
			}
		}
		start[i+1] = int32(len(adj))
	}
	comp, order, bounds := components(start, adj)
	return loops(start, adj, comp, order, bounds)
}

// components finds the strongly connected components of the graph whose
// node v has edges to adj[start[v]:start[v+1]], with Tarjan's algorithm run
// on an explicit stack: a chain of a million links must not exhaust the
// goroutine stack. Component c holds order[bounds[c]:bounds[c+1]], and
// components close in dependency order: every node comes after the nodes
// it has edges to, except those in its own component.
func components(start, adj []int32) (comp, order, bounds []int32) {
	n := len(start) - 1
	index := make([]int32, n) // visit number + 1; 0 means not yet visited
	low := make([]int32, n)
	comp = make([]int32, n)
	for i := range comp {
		comp[i] = -1 // visited and still -1 means on the Tarjan stack
	}
	order = make([]int32, 0, n)
	bounds = make([]int32, 1, 16)
	type frame struct{ v, e int32 } // a node and its next edge to follow
	var stack []int32
	var call []frame
	next := int32(1)
	for root := range int32(n) {
		if index[root] != 0 {
			continue
		}
		index[root], low[root] = next, next
		next++
		stack = append(stack, root)
		call = append(call, frame{root, start[root]})
		for len(call) > 0 {
			f := &call[len(call)-1]
			v := f.v
			if f.e < start[v+1] {
				w := adj[f.e]
				f.e++
				if index[w] == 0 {
					index[w], low[w] = next, next
					next++
					stack = append(stack, w)
					call = append(call, frame{w, start[w]})
				} else if comp[w] < 0 && index[w] < low[v] {
					low[v] = index[w]
				}
				continue
			}
			if low[v] == index[v] {
				c := int32(len(bounds) - 1)
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					comp[w] = c
					order = append(order, w)
					if w == v {
						break
					}
				}
				bounds = append(bounds, int32(len(order)))
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				if u := call[len(call)-1].v; low[v] < low[u] {
					low[u] = low[v]
				}
			}
		}
	}
	return comp, order, bounds
}

// loops picks one loop through each component of more than one node: the
// shortest from the component's lowest index back to itself, found
// breadth-first so that the printed loop is as short as it can be.
func loops(start, adj, comp, order, bounds []int32) [][]int {
	var out [][]int
	var parent, queue []int32
	for c := range int32(len(bounds) - 1) {
		members := order[bounds[c]:bounds[c+1]]
		if len(members) < 2 {
			continue
		}
		if parent == nil {
			parent = make([]int32, len(comp))
		}
		root := slices.Min(members)
		for _, v := range members {
			parent[v] = -1
		}
		parent[root] = root
		queue = append(queue[:0], root)
		last := int32(-1) // the node whose link closes the loop at root
		for qi := 0; qi < len(queue) && last < 0; qi++ {
			u := queue[qi]
			for _, w := range adj[start[u]:start[u+1]] {
				if comp[w] != c {
					continue
				}
				if w == root {
					last = u
					break
				}
				if parent[w] < 0 {
					parent[w] = u
					queue = append(queue, w)
				}
			}
		}
		// Every member reaches root, so last is always found.
		var loop []int
		for v := last; v != root; v = parent[v] {
			loop = append(loop, int(v))
		}
		loop = append(loop, int(root))
		slices.Reverse(loop)
		out = append(out, append(loop, int(root)))
	}
	slices.SortFunc(out, func(a, b []int) int { return a[0] - b[0] })
	return out
}
