package reroute

import (
	"fmt"
	"math"
	"slices"

	"github.com/uber/h3-go/v4"

	"fulfil/geo"
)

// TrafficRes is the H3 resolution of traffic zones: cells of about 0.74 km²
// (edge about 530 m), fine enough to follow a district's edge and coarse
// enough that a 3 km disc is about 40 cells.
const TrafficRes = 8

// TrafficCells returns the H3 cells at resolution res whose centre lies in
// the disc of radiusM metres around center, and always the cell holding
// center, sorted. It walks rings of cells outward from the centre cell until
// a ring lies wholly outside the disc.
func TrafficCells(center geo.Point, radiusM float64, res int) ([]h3.Cell, error) {
	if !(radiusM > 0) || math.IsInf(radiusM, 0) {
		return nil, fmt.Errorf("traffic disc radius must be > 0, got %g", radiusM)
	}
	c0, err := geo.Cell(center, res)
	if err != nil {
		return nil, err
	}
	area, err := h3.CellAreaM2(c0)
	if err != nil {
		return nil, fmt.Errorf("h3 cell area: %w", err)
	}
	// A ring k of hexagons of edge e has its centres at least about
	// 1.5·k·e·0.8 from the centre's (0.8 for H3's distortion).
	edge := math.Sqrt(2 * area / (3 * math.Sqrt(3)))
	out := []h3.Cell{c0}
	for k := 1; (1.2*float64(k)-1)*edge <= radiusM; k++ {
		ring, err := h3.GridRing(c0, k)
		if err != nil {
			return nil, fmt.Errorf("h3 ring %d: %w", k, err)
		}
		for _, c := range ring {
			ll, err := h3.CellToLatLng(c)
			if err != nil {
				return nil, fmt.Errorf("h3 cell centre: %w", err)
			}
			if geo.HaversineM(center, geo.Point{ll.Lng, ll.Lat}) <= radiusM {
				out = append(out, c)
			}
		}
	}
	slices.Sort(out)
	return out, nil
}
