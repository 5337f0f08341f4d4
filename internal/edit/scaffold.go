package edit

import (
	"bytes"
	"embed"
	"errors"
	"io/fs"
	"path"
	"strings"
	"text/template"
	"time"

	"github.com/ocotool/oco/internal/programme"
)

// initTemplates are the files of a new programme. Their dates are set
// from the day oco init runs, so that a new programme has no milestone
// overdue and no review already missed.
//
//go:embed inittemplate
var initTemplates embed.FS

// Scaffold renders oco init's templates for a programme in dir (as the README
// names it) starting in the month of now: file name to contents.
func Scaffold(dir string, now time.Time) (map[string][]byte, error) {
	y, m, _ := now.Date()
	month := func(n int) programme.Date {
		return programme.DateOf(time.Date(y, m+time.Month(n), 1, 0, 0, 0, 0, time.UTC))
	}
	funcs := template.FuncMap{
		"month":  month,
		"before": func(d programme.Date) programme.Date { return d.AddDays(-1) },
		"days":   func(d programme.Date, n int) programme.Date { return d.AddDays(n) },
	}
	data := struct {
		Start, End programme.Date
		Name, Dir  string
	}{Start: month(0), End: month(12).AddDays(-1), Name: "Example programme", Dir: dir}

	out := map[string][]byte{}
	err := fs.WalkDir(initTemplates, "inittemplate", func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(initTemplates, name)
		if err != nil {
			return err
		}
		t, err := template.New(name).Funcs(funcs).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return err
		}
		var b bytes.Buffer
		if err := t.Execute(&b, data); err != nil {
			return err
		}
		file := strings.TrimSuffix(path.Base(name), ".tmpl")
		if file == "gitattributes" || file == "gitignore" {
			file = "." + file // a dot-file would not be embedded as it is
		}
		out[file] = b.Bytes()
		return nil
	})
	if err != nil {
		return nil, errors.New("oco's own templates are broken: " + err.Error())
	}
	// The files' modelines name it; dot-named, so the loader skips it.
	out[".schema.json"] = programme.Schema()
	return out, nil
}
