package datasets_test

import (
	"fmt"
	"path/filepath"
	"testing"

	"fulfil/datasets"
)

// TestSPRPInstances reads all 2,400 picker-routing instances, checks their
// header against the name (unit_F1_m<aisles>_C<cells>_a<articles>_<seed>),
// and requires both result tables to list exactly these files.
func TestSPRPInstances(t *testing.T) {
	dir := shared(t, "picker-routing", "sprp")
	files := glob(t, filepath.Join(dir, "instances"), "*.txt", 2400)
	one, err := datasets.ReadSPRPResults(filepath.Join(dir, "results", "results_SPRP.csv"))
	if err != nil {
		t.Fatal(err)
	}
	two, err := datasets.ReadSPRPResults(filepath.Join(dir, "results", "results_SPRP_two_block.csv"))
	if err != nil {
		t.Fatal(err)
	}
	if len(one) != 2400 || len(two) != 2400 {
		t.Errorf("results: %d single-block and %d two-block rows, want 2400 each", len(one), len(two))
	}
	for _, path := range files {
		base := filepath.Base(path)
		p, err := datasets.ReadSPRPFile(path)
		if err != nil {
			t.Error(err)
			continue
		}
		var m, c, a, seed int
		if _, err := fmt.Sscanf(base, "unit_F1_m%d_C%d_a%d_%d.txt", &m, &c, &a, &seed); err != nil {
			t.Errorf("%s: unexpected name: %v", base, err)
			continue
		}
		if p.Name != base || p.Aisles != m || p.Cells != c || len(p.Order) != a || len(p.Positions) != a || len(p.Articles) != a {
			t.Errorf("%s: name %q, %d aisles, %d cells, %d order lines, %d positions, %d articles",
				base, p.Name, p.Aisles, p.Cells, len(p.Order), len(p.Positions), len(p.Articles))
		}
		if p.AisleLength() != float64(c+1) {
			t.Errorf("%s: aisle length %g, want %d", base, p.AisleLength(), c+1)
		}
		v1, ok1 := one[base]
		v2, ok2 := two[base]
		// The middle cross-aisle can only shorten or lengthen a tour by a
		// few units, never make it non-positive.
		if !ok1 || !ok2 || v1 <= 0 || v2 <= 0 {
			t.Errorf("%s: results %v (%v), two-block %v (%v)", base, v1, ok1, v2, ok2)
		}
	}
}
