package programme

import (
	"bytes"
	"io/fs"
	"runtime"
	"sync"

	"go.yaml.in/yaml/v3"
)

// parseFiles reads files from fsys in order and parses them on every core,
// handing each to apply in path order, so that findings and ids come out
// exactly as a run on one core gives them. At most a few trees are alive
// at once: a file's tree is dropped once applied, so memory follows the
// largest files, not the whole programme.
func parseFiles(fsys fs.FS, prefix string, files []string, apply func(*parsedFile)) {
	// Files are read one at a time, in order, by one goroutine: an fs.FS
	// need not be safe for concurrent use. Only parsing is spread.
	read := func(name string) (string, []byte, error) {
		src, err := fs.ReadFile(fsys, name)
		return joinPrefix(prefix, name), src, err
	}
	parseRead := func(display string, src []byte, err error) *parsedFile {
		if err != nil {
			return &parsedFile{file: display, readErr: err}
		}
		f := parse(display, src)
		f.extract()
		return f
	}
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 || len(files) < 2 {
		for _, name := range files {
			apply(parseRead(read(name)))
		}
		return
	}
	results := make([]chan *parsedFile, len(files))
	for i := range results {
		results[i] = make(chan *parsedFile, 1)
	}
	window := make(chan struct{}, workers+1) // trees parsed ahead and not yet applied
	go func() {
		for i, name := range files {
			window <- struct{}{}
			display, src, err := read(name)
			go func() { results[i] <- parseRead(display, src, err) }()
		}
	}()
	for i := range files {
		apply(<-results[i])
		<-window
	}
}

// Large files are split at their top-level list items, and the items
// parsed in parallel, where nothing ties one item to another: anchors,
// aliases, tags, directives and document markers all keep a file whole.
const splitAbove = 256 << 10

// splitBatch is how many bytes of n to parse as one batch of a large
// file's items, about four batches a core; ok is false where n is under
// splitAbove or there is one core, and the file is parsed as one.
func splitBatch(n int) (batch int, ok bool) {
	workers := runtime.GOMAXPROCS(0)
	if workers < 2 || n < splitAbove {
		return 0, false
	}
	return max(n/(4*workers), 64<<10), true
}

// tiesItems reports whether src has anything that may tie one item to
// another, or the document to something outside its items: an anchor,
// alias or tag (&, * or ! after a space or an indicator, before a
// non-space), a directive (%) or a document marker (--- or ...) at the
// start of a line. It looks at each byte once.
func tiesItems(src []byte) bool {
	for i, c := range src {
		switch c {
		case '&', '*', '!':
			if i+1 < len(src) && !isSpace(src[i+1]) && (i == 0 || isSpace(src[i-1]) || bytes.IndexByte([]byte("[{,:-"), src[i-1]) >= 0) {
				return true
			}
		case '%':
			if i == 0 || src[i-1] == '\n' {
				return true
			}
		case '-', '.':
			if (i == 0 || src[i-1] == '\n') && i+2 < len(src) && src[i+1] == c && src[i+2] == c {
				return true
			}
		}
	}
	return false
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// parseSplit parses a large file in batches of items on every core. It reports
// false, having done little, where the file is small, is not made of block
// lists, or has anything that ties items together; and false where any
// piece fails, so that the whole file is parsed and its error found as
// usual.
func parseSplit(src []byte) (*yaml.Node, bool) {
	batch, ok := splitBatch(len(src))
	if !ok || tiesItems(src) || bytes.Contains(src, []byte("\t")) {
		return nil, false
	}
	lines := bytes.SplitAfter(src, []byte("\n"))
	if len(lines) > 0 && len(lines[len(lines)-1]) == 0 {
		lines = lines[:len(lines)-1]
	}
	type piece struct {
		key   *yaml.Node // the section's key, for a list split into items
		chunk chunk
	}
	var pieces []piece
	var sections []chunk
	for i, ln := range lines {
		if _, _, ok := topKey(ln); ok {
			if len(sections) > 0 {
				sections[len(sections)-1].to = i
			}
			sections = append(sections, chunk{i, len(lines)})
		} else if len(sections) == 0 {
			if t := bytes.TrimSpace(ln); len(t) > 0 && t[0] != '#' {
				return nil, false
			}
		}
	}
	for _, s := range sections {
		name, end, _ := topKey(lines[s.from])
		rest := bytes.TrimSpace(lines[s.from][end:])
		items := listItems(lines, s.from+1, s.to)
		if len(rest) > 0 && rest[0] != '#' || len(items) == 0 {
			pieces = append(pieces, piece{chunk: s})
			continue
		}
		// Items go in batches of about batch bytes: a parser has a cost of
		// its own, which one per item would pay thousands of times.
		key := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: string(name), Line: s.from + 1, Column: 1}
		for i := 0; i < len(items); {
			from, size := items[i].from, 0
			for ; i < len(items) && (size == 0 || size < batch); i++ {
				for l := items[i].from; l < items[i].to; l++ {
					size += len(lines[l])
				}
			}
			pieces = append(pieces, piece{key: key, chunk: chunk{from, items[i-1].to}})
		}
	}
	nodes := make([]*yaml.Node, len(pieces))
	var failed bool
	var mu sync.Mutex
	var wg sync.WaitGroup
	next := make(chan int)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				n, err := parseChunk(lines, pieces[i].chunk.from, pieces[i].chunk.to)
				if err != nil {
					mu.Lock()
					failed = true
					mu.Unlock()
					continue
				}
				nodes[i] = n
			}
		}()
	}
	for i := range pieces {
		next <- i
	}
	close(next)
	wg.Wait()
	if failed {
		return nil, false
	}
	root := &yaml.Node{Kind: yaml.MappingNode, Tag: "!!map", Line: 1, Column: 1}
	var seq *yaml.Node
	for i, pc := range pieces {
		n := nodes[i]
		if pc.key == nil {
			if n.Kind != yaml.MappingNode || len(n.Content) != 2 {
				return nil, false
			}
			root.Content = append(root.Content, n.Content...)
			seq = nil
			continue
		}
		if n.Kind != yaml.SequenceNode || len(n.Content) == 0 {
			return nil, false
		}
		if seq == nil || i == 0 || pieces[i-1].key != pc.key {
			seq = &yaml.Node{Kind: yaml.SequenceNode, Tag: "!!seq", Line: n.Line, Column: n.Column}
			root.Content = append(root.Content, pc.key, seq)
		}
		seq.Content = append(seq.Content, n.Content...)
	}
	if len(root.Content) == 0 {
		return nil, false
	}
	return &yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{root}, Line: 1, Column: 1}, true
}
