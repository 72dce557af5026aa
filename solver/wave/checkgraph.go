package wave

import (
	"container/heap"
	"math"
	"slices"
)

// The checker's own geometry and shortest paths. Nothing here is shared with
// the routers: cell and cross-aisle coordinates are recomputed from the
// Layout, and distances come from Dijkstra on an explicit aisle graph.

// checkGeom holds coordinates recomputed from a layout.
type checkGeom struct {
	l      *Layout
	crossY []float64
}

func newCheckGeom(l *Layout) *checkGeom {
	cg := &checkGeom{l: l}
	cg.crossY = append(cg.crossY, 0)
	for _, c := range l.CrossAisles {
		cg.crossY = append(cg.crossY, (cg.cellY(c.AfterCell)+cg.cellY(c.AfterCell+1))/2)
	}
	cg.crossY = append(cg.crossY, cg.cellY(l.Cells-1)+l.BottomGapM)
	return cg
}

// cellY is the distance of cell c from the top cross aisle along an aisle.
func (cg *checkGeom) cellY(c int) float64 {
	y := cg.l.TopGapM + float64(c)*cg.l.CellPitchM
	for _, x := range cg.l.CrossAisles {
		if x.AfterCell < c {
			y += x.WidthM
		}
	}
	return y
}

func (cg *checkGeom) onCross(y float64) bool {
	for _, yc := range cg.crossY {
		if math.Abs(y-yc) <= 1e-7 {
			return true
		}
	}
	return false
}

// aisleGraph is an explicit graph: every cross-aisle point and every point
// of interest, linked to its neighbours along the aisle and, for cross-aisle
// points, to the same cross aisle of the neighbouring aisles.
type aisleGraph struct {
	pts [][2]float64 // aisle, y
	adj [][]int
	w   [][]float64
}

// newAisleGraph builds the graph over the cross-aisle points and the
// given points (aisle, y); their vertex ids are returned in order.
func newAisleGraph(cg *checkGeom, extra [][2]float64) (*aisleGraph, []int) {
	ag := &aisleGraph{}
	index := map[[2]float64]int{}
	add := func(p [2]float64) int {
		if i, ok := index[p]; ok {
			return i
		}
		index[p] = len(ag.pts)
		ag.pts = append(ag.pts, p)
		ag.adj = append(ag.adj, nil)
		ag.w = append(ag.w, nil)
		return len(ag.pts) - 1
	}
	link := func(i, j int, d float64) {
		ag.adj[i] = append(ag.adj[i], j)
		ag.w[i] = append(ag.w[i], d)
		ag.adj[j] = append(ag.adj[j], i)
		ag.w[j] = append(ag.w[j], d)
	}
	for a := range cg.l.Aisles {
		for _, y := range cg.crossY {
			add([2]float64{float64(a), y})
		}
	}
	ids := make([]int, len(extra))
	for i, p := range extra {
		ids[i] = add(p)
	}
	for a := range cg.l.Aisles {
		var col []int
		for i, p := range ag.pts {
			if p[0] == float64(a) {
				col = append(col, i)
			}
		}
		slices.SortFunc(col, func(x, y int) int {
			if ag.pts[x][1] < ag.pts[y][1] {
				return -1
			}
			if ag.pts[x][1] > ag.pts[y][1] {
				return 1
			}
			return 0
		})
		for i := 1; i < len(col); i++ {
			link(col[i-1], col[i], ag.pts[col[i]][1]-ag.pts[col[i-1]][1])
		}
		if a+1 < cg.l.Aisles {
			for _, y := range cg.crossY {
				link(index[[2]float64{float64(a), y}], index[[2]float64{float64(a + 1), y}], cg.l.AislePitchM)
			}
		}
	}
	return ag, ids
}

type pqItem struct {
	v int
	d float64
}
type pq []pqItem

func (q pq) Len() int           { return len(q) }
func (q pq) Less(i, j int) bool { return q[i].d < q[j].d }
func (q pq) Swap(i, j int)      { q[i], q[j] = q[j], q[i] }
func (q *pq) Push(x any)        { *q = append(*q, x.(pqItem)) }
func (q *pq) Pop() any {
	old := *q
	x := old[len(old)-1]
	*q = old[:len(old)-1]
	return x
}

// dijkstra returns the distances from src to every vertex.
func (ag *aisleGraph) dijkstra(src int) []float64 {
	d := make([]float64, len(ag.pts))
	for i := range d {
		d[i] = math.Inf(1)
	}
	d[src] = 0
	q := &pq{{src, 0}}
	for q.Len() > 0 {
		it := heap.Pop(q).(pqItem)
		if it.d > d[it.v] {
			continue
		}
		for k, u := range ag.adj[it.v] {
			if nd := it.d + ag.w[it.v][k]; nd < d[u] {
				d[u] = nd
				heap.Push(q, pqItem{u, nd})
			}
		}
	}
	return d
}
