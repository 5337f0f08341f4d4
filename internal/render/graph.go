package render

import (
	"fmt"
	"io"
	"strings"
)

// Graph is a dependency graph to draw: nodes in groups (a phase each, or
// none), and the links among them.
type Graph struct {
	Nodes  []GraphNode
	Groups []GraphGroup // in the order drawn; every node in one of them
	Edges  []GraphEdge
}

// GraphNode is one milestone.
type GraphNode struct {
	ID, Title      string
	Done, Critical bool // filled green; outlined red
}

// GraphGroup is a set of nodes drawn together: a phase's box when Boxed,
// else loose.
type GraphGroup struct {
	Boxed    bool
	ID, Name string
	Nodes    []int // positions in Graph.Nodes
}

// GraphEdge is a link from one node to another (positions in Graph.Nodes),
// with its label, such as the lag.
type GraphEdge struct {
	From, To int
	Label    string
	Critical bool // drawn thick and red
}

// GraphMermaid writes g as a flowchart GitHub can draw. Node ids are made
// from the nodes' ids with a prefix, so that none is a keyword such as
// "end", and with every character Mermaid does not take in an id replaced.
func GraphMermaid(w io.Writer, g Graph) error {
	b := &strings.Builder{}
	ids := make([]string, len(g.Nodes))
	used := map[string]bool{}
	nodeID := func(prefix, id string) string {
		base := prefix + mermaidID(id)
		name := base
		for k := 2; used[name]; k++ { // M-1 and M_1 must stay two nodes
			name = fmt.Sprintf("%s_%d", base, k)
		}
		used[name] = true
		return name
	}
	b.WriteString("flowchart LR\n")
	for _, grp := range g.Groups {
		indent := "  "
		if grp.Boxed {
			fmt.Fprintf(b, "  subgraph %s[\"%s\"]\n", nodeID("p_", grp.ID), mermaidText(grp.ID+": "+grp.Name))
			indent = "    "
		}
		for _, i := range grp.Nodes {
			n := g.Nodes[i]
			ids[i] = nodeID("m_", n.ID)
			fmt.Fprintf(b, "%s%s[\"%s\"]\n", indent, ids[i], mermaidText(n.ID+": "+n.Title))
		}
		if grp.Boxed {
			b.WriteString("  end\n")
		}
	}
	for _, e := range g.Edges {
		arrow := "-->"
		if e.Critical {
			arrow = "==>"
		}
		if e.Label != "" {
			arrow += "|" + e.Label + "|"
		}
		fmt.Fprintf(b, "  %s %s %s\n", ids[e.From], arrow, ids[e.To])
	}
	classes := func(name string, in func(GraphNode) bool) {
		var members []string
		for _, grp := range g.Groups {
			for _, i := range grp.Nodes {
				if in(g.Nodes[i]) {
					members = append(members, ids[i])
				}
			}
		}
		if len(members) > 0 {
			fmt.Fprintf(b, "  class %s %s\n", strings.Join(members, ","), name)
		}
	}
	b.WriteString("  classDef done fill:#dafbe1,stroke:#1a7f37\n")
	b.WriteString("  classDef critical stroke:#cf222e,stroke-width:3px\n")
	classes("done", func(n GraphNode) bool { return n.Done })
	classes("critical", func(n GraphNode) bool { return n.Critical }) // after done, so a done step keeps the red edge
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidID keeps letters, digits and underscores.
func mermaidID(id string) string {
	return strings.Map(func(r rune) rune {
		if r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' {
			return r
		}
		return '_'
	}, id)
}

// mermaidText makes text safe inside a quoted Mermaid label: quotes and
// the characters HTML labels would read as markup become entity codes,
// and line breaks spaces.
var mermaidText = strings.NewReplacer(
	"#", "#35;", `"`, "#quot;", "<", "#lt;", ">", "#gt;", "&", "#amp;",
	"\r\n", " ", "\n", " ", "\r", " ", "\t", " ",
).Replace

// GraphDOT writes g as a Graphviz digraph: one cluster per boxed group.
func GraphDOT(w io.Writer, g Graph) error {
	b := &strings.Builder{}
	b.WriteString("digraph programme {\n  rankdir=LR;\n  node [shape=box, style=rounded];\n")
	for _, grp := range g.Groups {
		indent := "  "
		if grp.Boxed {
			fmt.Fprintf(b, "  subgraph %s {\n    label=%s;\n", dotString("cluster_"+grp.ID), dotString(grp.ID+": "+grp.Name))
			indent = "    "
		}
		for _, i := range grp.Nodes {
			n := g.Nodes[i]
			attrs := "label=" + dotString(n.ID+"\n"+n.Title)
			if n.Done {
				attrs += `, style="rounded,filled", fillcolor="#dafbe1"`
			}
			if n.Critical {
				attrs += `, color="#cf222e", penwidth=2`
			}
			fmt.Fprintf(b, "%s%s [%s];\n", indent, dotString(n.ID), attrs)
		}
		if grp.Boxed {
			b.WriteString("  }\n")
		}
	}
	for _, e := range g.Edges {
		var attrs []string
		if e.Label != "" {
			attrs = append(attrs, "label="+dotString(e.Label))
		}
		if e.Critical {
			attrs = append(attrs, `color="#cf222e"`, "penwidth=3")
		}
		line := fmt.Sprintf("  %s -> %s", dotString(g.Nodes[e.From].ID), dotString(g.Nodes[e.To].ID))
		if len(attrs) > 0 {
			line += " [" + strings.Join(attrs, ", ") + "]"
		}
		b.WriteString(line + ";\n")
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// dotString quotes s as a Graphviz string; a newline becomes dot's own
// line break, \n.
func dotString(s string) string {
	return `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`).Replace(s) + `"`
}
