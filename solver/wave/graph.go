package wave

import "math"

// Waypoint is a corner of a walk: a point on the centre line of an aisle,
// YM metres from the top cross aisle. A walk moves between consecutive
// waypoints either along one aisle or along one cross aisle (both waypoints
// then lie on it).
type Waypoint struct {
	Aisle int     `json:"aisle"`
	YM    float64 `json:"y_m"`
}

// yTol is the tolerance for "lies on a cross aisle" and for comparing
// lengths built from the same numbers in another order.
const yTol = 1e-9

// dist is the shortest walking distance between (a1, y1) and (a2, y2) on the
// aisle graph: straight along the aisle when a1 == a2, else through the
// cross aisle that minimises the detour. O(cross aisles).
func (g *grid) dist(a1 int, y1 float64, a2 int, y2 float64) float64 {
	if a1 == a2 {
		return math.Abs(y1 - y2)
	}
	h := float64(abs(a1-a2)) * g.pitch
	best := math.Inf(1)
	for _, yc := range g.crossY {
		if d := math.Abs(y1-yc) + math.Abs(yc-y2); d < best {
			best = d
		}
	}
	return best + h
}

// walkTo appends to path the corners of a shortest walk from the last
// waypoint of path to (a, y).
func (g *grid) walkTo(path []Waypoint, a int, y float64) []Waypoint {
	last := path[len(path)-1]
	if last.Aisle == a {
		if last.YM != y {
			path = append(path, Waypoint{a, y})
		}
		return path
	}
	best, bk := math.Inf(1), 0
	for k, yc := range g.crossY {
		if d := math.Abs(last.YM-yc) + math.Abs(yc-y); d < best {
			best, bk = d, k
		}
	}
	yc := g.crossY[bk]
	if last.YM != yc {
		path = append(path, Waypoint{last.Aisle, yc})
	}
	path = append(path, Waypoint{a, yc})
	if y != yc {
		path = append(path, Waypoint{a, y})
	}
	return path
}

// pathLength is the walking length of path, assumed legal.
func (g *grid) pathLength(path []Waypoint) float64 {
	var s float64
	for i := 1; i < len(path); i++ {
		p, q := path[i-1], path[i]
		if p.Aisle == q.Aisle {
			s += math.Abs(p.YM - q.YM)
		} else {
			s += float64(abs(p.Aisle-q.Aisle)) * g.pitch
		}
	}
	return s
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
