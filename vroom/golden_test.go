package vroom_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"testing"

	"fulfil/vroom"
)

var update = flag.Bool("update", false, "rewrite the golden answers in testdata")

// TestGolden pins whole answers: example_2 (optimised, deterministic for
// its seed and budget) and example_3 (plan mode: no search). Computing
// times are zeroed. Rewrite with go test -run Golden -update and read the
// diff before committing.
func TestGolden(t *testing.T) {
	for _, name := range []string{"example_2", "example_3"} {
		t.Run(name, func(t *testing.T) {
			out, err := vroom.Solve(context.Background(), readExample(t, name), fast)
			if err != nil {
				t.Fatal(err)
			}
			out.Summary.ComputingTimes = vroom.ComputingTimes{}
			got, err := json.MarshalIndent(out, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := "testdata/" + name + ".golden.json"
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("answer differs from %s:\n%s", path, got)
			}
		})
	}
}
