package datasets

import (
	"embed"
	"fmt"
	"io/fs"
)

// samples holds a few small real instances, one per format, so that the
// command line and the server can demonstrate themselves without the
// benchmark collection: A-n32-k5 (CVRP, optimum 784) with its .sol,
// P-n16-k8 (CVRP, optimum 450), C101 (Solomon VRPTW, optimum 827.3) with
// its .sol, gap1-0 (GAP, minimum 261) and unit_F1_m5_C30_a3_0.txt (picker
// routing, optimum 74). Tests read these copies rather than keep their
// own.
//
//go:embed samples
var samples embed.FS

// Samples returns the names of the embedded sample files, sorted.
func Samples() []string {
	entries, err := fs.ReadDir(samples, "samples")
	if err != nil {
		panic("datasets: embedded samples missing: " + err.Error())
	}
	names := make([]string, len(entries))
	for i, e := range entries {
		names[i] = e.Name()
	}
	return names
}

// Sample returns the content of the embedded sample file name (one of
// Samples).
func Sample(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, fmt.Errorf("sample %q: invalid name", name)
	}
	b, err := samples.ReadFile("samples/" + name)
	if err != nil {
		return nil, fmt.Errorf("sample %q: not found (have %v)", name, Samples())
	}
	return b, nil
}
