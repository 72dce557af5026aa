package wave

import (
	"testing"
)

// FuzzRoute decodes a small layout and picks from bytes: Route must never
// panic, and every tour it returns must pass CheckTour and be no shorter
// than the optimal one.
func FuzzRoute(f *testing.F) {
	f.Add([]byte{4, 10, 3, 1, 1, 1, 0, 1, 0, 2, 3, 1, 5, 2, 7})
	f.Add([]byte{2, 30, 3, 1, 1, 1, 1, 14, 1, 0, 1, 0, 16, 1, 22, 0, 27})
	f.Add([]byte{200, 0, 255, 9, 9, 9, 7, 1, 2, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) < 9 || len(data) > 64 {
			return
		}
		l := &Layout{
			Aisles: int(data[0] % 12), Cells: int(data[1] % 40),
			AislePitchM: float64(data[2] % 5), CellPitchM: float64(data[3] % 3),
			TopGapM: float64(data[4] % 3), BottomGapM: float64(data[5] % 3),
		}
		for i := range int(data[6] % 4) {
			l.CrossAisles = append(l.CrossAisles, CrossAisle{AfterCell: int(data[7]%8) + 5*i, WidthM: 1})
		}
		l.Start = Depot{Aisle: int(data[8] % 12), CrossAisle: int(data[8] / 64)}
		l.End = l.Start
		var picks []Position
		for i := 9; i+1 < len(data); i += 2 {
			picks = append(picks, Position{Aisle: int(data[i] % 13), Cell: int(data[i+1] % 41)})
		}
		var w Router
		opt, err := w.Route(l, picks, Optimal)
		if err != nil {
			return
		}
		if err := CheckTour(l, picks, opt); err != nil {
			t.Fatalf("optimal: %v", err)
		}
		for _, p := range []Policy{SShape, LargestGap, Combined} {
			h, err := w.Route(l, picks, p)
			if err != nil {
				t.Fatalf("%s: %v after optimal succeeded", p, err)
			}
			if err := CheckTour(l, picks, h); err != nil {
				t.Fatalf("%s: %v", p, err)
			}
			if h.DistanceM < opt.DistanceM-1e-9 {
				t.Fatalf("%s: %g below optimal %g", p, h.DistanceM, opt.DistanceM)
			}
		}
	})
}
