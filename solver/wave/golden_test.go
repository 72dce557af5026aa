package wave_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fulfil/solver/wave"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json")

// TestGolden plans every testdata/*.json input (pick-by-order, then total
// picking) and compares with its golden output, runtime zeroed; -update
// rewrites the golden files.
func TestGolden(t *testing.T) {
	files, _ := filepath.Glob("testdata/*.json")
	n := 0
	for _, f := range files {
		if strings.HasSuffix(f, ".golden.json") {
			continue
		}
		n++
		t.Run(filepath.Base(f), func(t *testing.T) {
			raw, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			var in wave.Input
			dec := json.NewDecoder(bytes.NewReader(raw))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&in); err != nil {
				t.Fatal(err)
			}
			got := map[string]*wave.Output{}
			for _, mode := range []wave.Mode{wave.PickByOrder, wave.TotalPick} {
				opt := wave.DefaultOptions()
				opt.Mode = mode
				out, err := wave.Plan(context.Background(), &in, opt)
				if err != nil {
					t.Fatal(err)
				}
				if _, err := checked(&in, out); err != nil {
					t.Fatal(err)
				}
				out.Stats.RuntimeS = 0
				out.Stats.Threads = 0
				got[string(mode)] = out
			}
			js, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			golden := strings.TrimSuffix(f, ".json") + ".golden.json"
			if *update {
				if err := os.WriteFile(golden, append(js, '\n'), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -run Golden -update)", err)
			}
			var w, g map[string]*wave.Output
			if err := json.Unmarshal(want, &w); err != nil {
				t.Fatal(err)
			}
			_ = json.Unmarshal(js, &g)
			for mode, wo := range w {
				gotOut := g[mode]
				if gotOut == nil {
					t.Fatalf("%s: missing", mode)
				}
				if d := gotOut.DistanceM - wo.DistanceM; d > 1e-6 || d < -1e-6 {
					t.Errorf("%s: distance %g, golden %g", mode, gotOut.DistanceM, wo.DistanceM)
				}
				if gotOut.Batches != wo.Batches {
					t.Errorf("%s: %d batches, golden %d", mode, gotOut.Batches, wo.Batches)
				}
			}
			if !bytes.Equal(bytes.TrimSpace(want), bytes.TrimSpace(js)) {
				t.Errorf("output differs from %s (run go test -run Golden -update and read the diff)", golden)
			}
		})
	}
	if n == 0 {
		t.Fatal("no testdata inputs")
	}
}
