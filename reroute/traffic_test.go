package reroute

import (
	"slices"
	"testing"

	"github.com/uber/h3-go/v4"

	"fulfil/geo"
)

// TestTrafficCellsCoverDisc checks the cover against every cell of a
// generous disk of rings: a cell is returned exactly when its centre lies in
// the disc (or it holds the disc's centre).
func TestTrafficCellsCoverDisc(t *testing.T) {
	for _, tc := range []struct {
		name    string
		center  geo.Point
		radiusM float64
	}{
		{"city 3 km", geo.Point{121.4737, 31.2304}, 3000},
		{"small 200 m", geo.Point{113.2644, 23.1291}, 200},
		{"wide 12 km", geo.Point{116.4074, 39.9042}, 12000},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := TrafficCells(tc.center, tc.radiusM, TrafficRes)
			if err != nil {
				t.Fatal(err)
			}
			c0, _ := geo.Cell(tc.center, TrafficRes)
			all, err := h3.GridDisk(c0, 40)
			if err != nil {
				t.Fatal(err)
			}
			var want []h3.Cell
			for _, c := range all {
				ll, _ := h3.CellToLatLng(c)
				if c == c0 || geo.HaversineM(tc.center, geo.Point{ll.Lng, ll.Lat}) <= tc.radiusM {
					want = append(want, c)
				}
			}
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Fatalf("got %d cells, want %d", len(got), len(want))
			}
		})
	}
	if _, err := TrafficCells(geo.Point{121, 31}, 0, TrafficRes); err == nil {
		t.Error("radius 0: got no error")
	}
}
