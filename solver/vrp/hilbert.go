package vrp

import (
	"cmp"
	"math"
	"slices"
)

// buildDist32 fills m.dist32, the single profile's distances as int32 with
// rows and columns renumbered along a Hilbert curve through the node
// coordinates (m.rank). Stops near each other then have near indices, so a
// stop's granular neighbours, and the stops of a route, sit in a few cache
// lines of its row: the local search reads the matrix at scattered pairs
// of nearby nodes, and in index order those pairs would hit a different
// cache line, often missing, almost every time. Left nil with several
// profiles or distances beyond int32. Same values, only the layout moves.
func (m *model) buildDist32() {
	if len(m.dist) != 1 || slices.Max(m.dist[0]) > math.MaxInt32 {
		return
	}
	n := m.n
	order := hilbertOrder(m.x, m.y)
	m.rank = make([]int32, n+1)
	for k, i := range order {
		m.rank[i] = int32(k)
	}
	m.rank[n] = int32(n) // the "nowhere" row of open ends stays last
	m.dist32 = m.renumber32(m.dist[0])
}

// buildDur32 fills m.dur32: durations that differ from the distances are
// read next to them in concat, so they get the same layout, when they fit.
// Call it once durIsDist is known.
func (m *model) buildDur32() {
	if m.dist32 == nil || !m.hasTime || m.durIsDist || slices.Max(m.dur[0]) > math.MaxInt32 || slices.Min(m.dur[0]) < math.MinInt32 {
		return
	}
	m.dur32 = m.renumber32(m.dur[0])
}

// renumber32 copies the (n+1)² matrix d as int32 with rows and columns in
// m.rank order.
func (m *model) renumber32(d []int64) []int32 {
	stride := m.n + 1
	out := make([]int32, stride*stride)
	for i := range stride {
		ri := int(m.rank[i]) * stride
		for j := range stride {
			out[ri+int(m.rank[j])] = int32(d[i*stride+j])
		}
	}
	return out
}

// hilbertOrder returns the indices of the points (x[i], y[i]) sorted by
// their position along a Hilbert curve on a 2^16 × 2^16 grid over their
// bounding box, ties by index. O(n log n).
func hilbertOrder(x, y []float64) []int32 {
	n := len(x)
	minX, maxX, minY, maxY := math.Inf(1), math.Inf(-1), math.Inf(1), math.Inf(-1)
	for i := range n {
		minX, maxX = min(minX, x[i]), max(maxX, x[i])
		minY, maxY = min(minY, y[i]), max(maxY, y[i])
	}
	const side = 1 << 16
	cell := func(v, lo, hi float64) uint32 {
		if !(hi > lo) {
			return 0
		}
		return uint32(min((v-lo)/(hi-lo)*side, side-1))
	}
	key := make([]uint64, n)
	order := make([]int32, n)
	for i := range n {
		key[i] = hilbertIndex(cell(x[i], minX, maxX), cell(y[i], minY, maxY), side)
		order[i] = int32(i)
	}
	slices.SortStableFunc(order, func(a, b int32) int { return cmp.Compare(key[a], key[b]) })
	return order
}

// hilbertIndex is the distance along the Hilbert curve of the side × side
// grid (side a power of two) of cell (x, y): at each scale from the
// coarsest, the quadrant adds its rank times the quadrant's area, and the
// coordinates are reflected and swapped into that quadrant's frame.
func hilbertIndex(x, y, side uint32) uint64 {
	var d uint64
	for s := side / 2; s > 0; s /= 2 {
		var rx, ry uint32
		if x&s != 0 {
			rx = 1
		}
		if y&s != 0 {
			ry = 1
		}
		d += uint64(s) * uint64(s) * uint64((3*rx)^ry)
		if ry == 0 {
			if rx == 1 {
				x, y = s-1-x, s-1-y
			}
			x, y = y, x
		}
	}
	return d
}
