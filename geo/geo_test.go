package geo

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"slices"
	"testing"
)

func TestHaversineKnownDistance(t *testing.T) {
	// Paris (2.3522, 48.8566) to London (-0.1278, 51.5074): 343.5 km by the
	// haversine formula with the mean Earth radius.
	got := HaversineM(Point{2.3522, 48.8566}, Point{-0.1278, 51.5074})
	if math.Abs(got-343556) > 300 {
		t.Errorf("Paris–London: got %.0f m, want 343556 ± 300", got)
	}
	pts := []Point{{2.3522, 48.8566}, {-0.1278, 51.5074}, {121.47, 31.23}}
	m := Haversine(pts)
	for i := range pts {
		for j := range pts {
			if d := math.Abs(m.At(i, j) - HaversineM(pts[i], pts[j])); d > 1e-6 {
				t.Errorf("matrix [%d][%d] differs from HaversineM by %g", i, j, d)
			}
		}
	}
}

// TestHaversineMatrixMatchesPairs checks the chord-based matrix against the
// pairwise formula, for city-scale points (the Taylor branch) and points
// spread over the globe (the arcsine branch), and its symmetry.
func TestHaversineMatrixMatchesPairs(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	world := make([]Point, 300)
	for i := range world {
		world[i] = Point{r.Float64()*360 - 180, r.Float64()*180 - 90}
	}
	for name, pts := range map[string][]Point{"city": cityPoints(300, 5), "world": world} {
		m := Haversine(pts)
		for i := range pts {
			for j := range pts {
				want := HaversineM(pts[i], pts[j])
				if d := math.Abs(m.At(i, j) - want); d > 1e-6*math.Max(1, want/1e6) {
					t.Fatalf("%s [%d][%d]: got %.9f, want %.9f", name, i, j, m.At(i, j), want)
				}
				if m.At(i, j) != m.At(j, i) {
					t.Fatalf("%s: [%d][%d] != [%d][%d]", name, i, j, j, i)
				}
			}
		}
	}
}

func TestEuclideanRounding(t *testing.T) {
	pts := []Point{{0, 0}, {1, 1}, {3, 4}}
	tests := []struct {
		name string
		r    Rounding
		want float64 // entry [0][1]: √2
	}{
		{"exact", Exact, math.Sqrt2},
		{"nint", Nint, 1},
		{"trunc1", Trunc1, 1.4},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m := Euclidean(pts, tc.r)
			if got := m.At(0, 1); got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
			if got := m.At(2, 0); got != 5 {
				t.Errorf("[2][0]: got %v, want 5", got)
			}
			// A whole distance must stay whole: (20, 99) is 101 exactly.
			if got := Euclidean([]Point{{0, 0}, {20, 99}}, tc.r).At(0, 1); got != 101 {
				t.Errorf("(20, 99): got %v, want 101", got)
			}
			if msg := m.Check(); msg != "" {
				t.Errorf("Check: %s", msg)
			}
		})
	}
}

func TestMatrixCheck(t *testing.T) {
	if _, err := FromRows([][]float64{{0, 1}, {1}}); err == nil {
		t.Error("ragged rows: got nil error")
	}
	m := NewMatrix(2)
	m.Set(1, 0, math.NaN())
	if m.Check() == "" {
		t.Error("NaN entry: Check passed")
	}
	if CheckPoint(Point{math.NaN(), 0}) == "" || CheckPoint(Point{0, 91}) == "" || CheckPoint(Point{121, 31}) != "" {
		t.Error("CheckPoint verdicts wrong")
	}
}

// cityPoints returns n points scattered over about 30 km around Shanghai.
func cityPoints(n int, seed uint64) []Point {
	r := rand.New(rand.NewPCG(seed, 1))
	pts := make([]Point, n)
	for i := range pts {
		pts[i] = Point{121.47 + (r.Float64()-0.5)*0.3, 31.23 + (r.Float64()-0.5)*0.25}
	}
	return pts
}

func TestNearestAgreesWithNearestH3(t *testing.T) {
	pts := cityPoints(400, 7)
	const k = 12
	brute := Nearest(Haversine(pts), k)
	for _, res := range []int{6, 7, 8} {
		got, err := NearestH3(pts, k, res)
		if err != nil {
			t.Fatal(err)
		}
		for i := range pts {
			if !slices.Equal(got[i], brute[i]) {
				t.Fatalf("res %d point %d: got %v, want %v", res, i, got[i], brute[i])
			}
		}
	}
	// Sorted nearest first, never itself.
	for i, row := range brute {
		if len(row) != k || slices.Contains(row, int32(i)) {
			t.Fatalf("row %d: %v", i, row)
		}
	}
}

func TestFeatureCollection(t *testing.T) {
	b, err := FeatureCollection(
		[]Line{{Path: []Point{{121, 31}, {121.1, 31.1}}, Properties: map[string]any{"vehicle": "t1"}}},
		[]Mark{{At: Point{121, 31}, Properties: map[string]any{"kind": "depot"}}},
	)
	if err != nil {
		t.Fatal(err)
	}
	var fc struct {
		Type     string `json:"type"`
		Features []struct {
			Geometry struct {
				Type string `json:"type"`
			} `json:"geometry"`
		} `json:"features"`
	}
	if err := json.Unmarshal(b, &fc); err != nil {
		t.Fatal(err)
	}
	if fc.Type != "FeatureCollection" || len(fc.Features) != 2 ||
		fc.Features[0].Geometry.Type != "LineString" || fc.Features[1].Geometry.Type != "Point" {
		t.Errorf("got %s", b)
	}
}

// TestHaversineMatrixThreadsAndContext: the matrix does not depend on the
// thread count, and a canceled context ends the build with its error.
func TestHaversineMatrixThreadsAndContext(t *testing.T) {
	pts := cityPoints(1100, 7)
	one, err := HaversineMatrix(context.Background(), pts, 1)
	if err != nil {
		t.Fatal(err)
	}
	three, err := HaversineMatrix(context.Background(), pts, 3)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(one.Data, three.Data) {
		t.Error("1 and 3 threads give different matrices")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := HaversineMatrix(ctx, pts, 2); !errors.Is(err, context.Canceled) {
		t.Errorf("canceled: got %v, want context.Canceled", err)
	}
}
