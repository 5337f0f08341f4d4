package cli

import (
	"github.com/spf13/cobra"

	"github.com/ocotool/oco/internal/programme"
	"github.com/ocotool/oco/internal/render"
)

type schemaOptions struct{ output bool }

func newSchemaCmd(g *globals) *cobra.Command {
	o := &schemaOptions{}
	cmd := &cobra.Command{
		Use:     "schema",
		GroupID: "git",
		Short:   "Print a JSON Schema of the programme file format, for editors",
		Long: `Print a JSON Schema (draft 2020-12) of one programme file: its sections,
every field with its type, the required ones, allowed values and ranges,
and the shapes of ids, dates and lags. It is made from the same field
definitions oco's loader reads, so it cannot disagree with 'oco validate'
on the shape of a file; references between items and dates that must agree
are for 'oco validate' alone.

Editors that use yaml-language-server (VS Code's YAML extension, and
others) read a schema named on the first line of a file:

  # yaml-language-server: $schema=.schema.json

  oco schema > programme/.schema.json

'oco init' writes both. Files whose names start with '.' are not read as
part of the programme.

--output prints instead a JSON Schema of what -o json prints for each
kind of item (the shapes 'oco help json' lists), for scripts to check
against.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return runSchema(g, o) },
	}
	cmd.Flags().BoolVar(&o.output, "output", false, "describe what -o json prints, not the programme files")
	return cmd
}

func runSchema(g *globals, o *schemaOptions) error {
	if o.output {
		b, err := render.OutputSchema(outputShapes)
		if err != nil {
			return err
		}
		_, err = g.env.Out.Write(append(b, '\n'))
		return err
	}
	_, err := g.env.Out.Write(programme.Schema())
	return err
}
