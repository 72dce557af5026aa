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

// TestGolden pins whole answers: example_1 (shipment and break, at 80
// km/h as TestExample1 says why) and example_2 (optimised, deterministic
// for their seed and budget), and example_3 (plan mode: no search).
// Computing times are zeroed. Rewrite with go test -run Golden -update and
// read the diff before committing.
func TestGolden(t *testing.T) {
	for _, c := range []struct {
		name     string
		speedKmh float64
	}{{"example_1", 80}, {"example_2", 0}, {"example_3", 0}} {
		name := c.name
		t.Run(name, func(t *testing.T) {
			opt := fast
			opt.SpeedKmh = c.speedKmh
			out, err := vroom.Solve(context.Background(), readExample(t, name), opt)
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
