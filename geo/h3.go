package geo

import (
	"cmp"
	"fmt"
	"math"
	"slices"

	"github.com/uber/h3-go/v4"
)

// Cell returns the H3 cell at resolution res (0..15) containing p.
func Cell(p Point, res int) (h3.Cell, error) {
	c, err := h3.LatLngToCell(h3.NewLatLng(p[1], p[0]), res)
	if err != nil {
		return 0, fmt.Errorf("h3 cell of [%g, %g] at resolution %d: %w", p[0], p[1], res, err)
	}
	return c, nil
}

// Cells returns the H3 cell at resolution res of every point.
func Cells(pts []Point, res int) ([]h3.Cell, error) {
	out := make([]h3.Cell, len(pts))
	for i, p := range pts {
		c, err := Cell(p, res)
		if err != nil {
			return nil, fmt.Errorf("point %d: %w", i, err)
		}
		out[i] = c
	}
	return out, nil
}

// NearestH3 returns, for each point, the indices of its k nearest other
// points by great-circle distance, nearest first, ties broken by index. It
// buckets points by H3 cell at resolution res and searches rings of cells
// outward from each point's cell. Once k candidates are in hand at distance
// dk, it goes on only while a ring may still hold a closer point: a point in
// ring r lies at least (1.5r-2)·e from the centre cell's points, for hexagons
// of edge e (taken 20 % below the cell's own, for H3's distortion). With res
// chosen so that a cell holds a handful of points, the cost is close to
// O(n·k log k) instead of the O(n²) of Nearest.
func NearestH3(pts []Point, k, res int) ([][]int32, error) {
	n := len(pts)
	if k > n-1 {
		k = max(n-1, 0)
	}
	cells, err := Cells(pts, res)
	if err != nil {
		return nil, err
	}
	bucket := make(map[h3.Cell][]int32, n)
	for i, c := range cells {
		bucket[c] = append(bucket[c], int32(i))
	}
	out := make([][]int32, n)
	type cd struct {
		j int32
		d float64
	}
	var cand []cd
	for i := range n {
		if k == 0 {
			continue
		}
		area, err := h3.CellAreaM2(cells[i])
		if err != nil {
			return nil, fmt.Errorf("point %d: h3 cell area: %w", i, err)
		}
		edge := 0.8 * math.Sqrt(2*area/(3*math.Sqrt(3)))
		cand = cand[:0]
		for ring := 0; ; ring++ {
			if len(cand) >= k {
				slices.SortFunc(cand, func(a, b cd) int {
					return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.j, b.j))
				})
				if (1.5*float64(ring)-2)*edge > cand[k-1].d {
					break
				}
			}
			if len(cand) >= n-1 {
				break
			}
			ringCells, err := cells[i].GridDisk(ring)
			if err != nil {
				return nil, fmt.Errorf("point %d: h3 disk %d: %w", i, ring, err)
			}
			cand = cand[:0]
			for _, c := range ringCells {
				for _, j := range bucket[c] {
					if int(j) != i {
						cand = append(cand, cd{j, HaversineM(pts[i], pts[j])})
					}
				}
			}
		}
		slices.SortFunc(cand, func(a, b cd) int {
			return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.j, b.j))
		})
		row := make([]int32, k)
		for t := range row {
			row[t] = cand[t].j
		}
		out[i] = row
	}
	return out, nil
}
