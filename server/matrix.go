package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"

	"fulfil/solver"
	"fulfil/solver/vrp"
)

// MatrixSource supplies a routing request's travel matrices from a routing
// engine's response, as an alternative to input.profiles (explicit
// matrices) and input.travel (matrices computed from locations). Exactly
// one of OSRM and Valhalla is given, holding the engine's whole response
// body; fields the server does not need are ignored.
//
// Row and column i of the engine's matrix is place i, where places are the
// input's depots in order followed by its stops in order — the order of
// the coordinates sent to the engine — unless every depot and stop sets
// matrix_index, which then says where each one is. The server turns the
// response into one profile of input.profiles with distance_m and
// duration_s.
type MatrixSource struct {
	// Profile is the id of the profile built; "" means "default". Vehicles
	// whose profile is empty use it.
	Profile string `json:"profile,omitempty"`
	// OSRM is an OSRM /table response requested with
	// annotations=duration,distance: {"code": "Ok", "durations": [[s]],
	// "distances": [[m]], ...}.
	OSRM json.RawMessage `json:"osrm,omitempty"`
	// Valhalla is a Valhalla /sources_to_targets (matrix) response: the
	// verbose form {"sources_to_targets": [[{"from_index", "to_index",
	// "time", "distance"}]], "units": ...} or the concise form
	// {"sources_to_targets": {"durations": [[s]], "distances": [[d]]}}.
	// Distances are in kilometres unless units is "miles".
	Valhalla json.RawMessage `json:"valhalla,omitempty"`
}

// osrmTable is the part of an OSRM /table response the server reads.
// Unreachable pairs are null.
type osrmTable struct {
	Code      string       `json:"code"`
	Message   string       `json:"message"`
	Durations [][]*float64 `json:"durations"`
	Distances [][]*float64 `json:"distances"`
}

// valhallaMatrix is the part of a Valhalla matrix response the server reads.
type valhallaMatrix struct {
	Units            string          `json:"units"`
	SourcesToTargets json.RawMessage `json:"sources_to_targets"`
}

type valhallaCell struct {
	FromIndex *int     `json:"from_index"`
	ToIndex   *int     `json:"to_index"`
	Time      *float64 `json:"time"`
	Distance  *float64 `json:"distance"`
}

type valhallaConcise struct {
	Durations [][]*float64 `json:"durations"`
	Distances [][]*float64 `json:"distances"`
}

// applyMatrix turns src into a profile of in. field is the wire path of
// src ("matrix"); maxSide bounds the matrix side.
func (c codec) applyMatrix(in *vrp.Input, src *MatrixSource, field, inField string, maxSide int) error {
	hasOSRM, hasValhalla := len(src.OSRM) > 0 && string(src.OSRM) != "null", len(src.Valhalla) > 0 && string(src.Valhalla) != "null"
	if hasOSRM == hasValhalla {
		return solver.Errorf(field, "give exactly one of osrm and valhalla")
	}
	if len(in.Profiles) > 0 {
		return solver.Errorf(field, "give either input.profiles or matrix, not both")
	}
	n, err := placeIndices(in, field, inField)
	if err != nil {
		return err
	}
	if n > maxSide {
		return tooLarge(field, "needs a %d×%d matrix; the limit is %d×%d", n, n, maxSide, maxSide)
	}
	var dist, dur [][]float64
	if hasOSRM {
		f := field + ".osrm"
		var t osrmTable
		if err := c.decodeLenient(src.OSRM, &t, f); err != nil {
			return err
		}
		if t.Code != "" && t.Code != "Ok" {
			return solver.Errorf(f+".code", "the engine answered %q (%s); want \"Ok\"", t.Code, t.Message)
		}
		if dur, err = denseMatrix(t.Durations, n, 1, f+".durations"); err != nil {
			return err
		}
		if dist, err = denseMatrix(t.Distances, n, 1, f+".distances"); err != nil {
			return err
		}
	} else {
		f := field + ".valhalla"
		var m valhallaMatrix
		if err := c.decodeLenient(src.Valhalla, &m, f); err != nil {
			return err
		}
		scale := 1000.0
		switch m.Units {
		case "", "kilometers", "km":
		case "miles", "mi":
			scale = 1609.344
		default:
			return solver.Errorf(f+".units", "want \"kilometers\" or \"miles\", got %q", m.Units)
		}
		raw := bytes.TrimSpace(m.SourcesToTargets)
		g := f + ".sources_to_targets"
		switch {
		case len(raw) == 0 || string(raw) == "null":
			return solver.Errorf(g, "missing")
		case raw[0] == '{':
			var cm valhallaConcise
			if err := c.decodeLenient(raw, &cm, g); err != nil {
				return err
			}
			if dur, err = denseMatrix(cm.Durations, n, 1, g+".durations"); err != nil {
				return err
			}
			if dist, err = denseMatrix(cm.Distances, n, scale, g+".distances"); err != nil {
				return err
			}
		default:
			var cells [][]valhallaCell
			if err := c.decodeLenient(raw, &cells, g); err != nil {
				return err
			}
			if dur, dist, err = valhallaCells(cells, n, scale, g); err != nil {
				return err
			}
		}
	}
	id := src.Profile
	if id == "" {
		id = "default"
	}
	in.Profiles = []vrp.Profile{{ID: id, DistanceM: dist, DurationS: dur}}
	return nil
}

// placeIndices gives every depot and stop its matrix index when none has
// one (depots first, then stops) and returns the matrix side. Mixing
// given and missing indices is an error.
func placeIndices(in *vrp.Input, field, inField string) (int, error) {
	given, total := 0, len(in.Depots)+len(in.Stops)
	side := 0
	for i := range in.Depots {
		if p := in.Depots[i].MatrixIndex; p != nil {
			if *p < 0 {
				return 0, solver.Errorf(fmt.Sprintf("%s.depots[%d].matrix_index", inField, i), "must be >= 0, got %d", *p)
			}
			given++
			side = max(side, min(*p, math.MaxInt32)+1)
		}
	}
	for i := range in.Stops {
		if p := in.Stops[i].MatrixIndex; p != nil {
			if *p < 0 {
				return 0, solver.Errorf(fmt.Sprintf("%s.stops[%d].matrix_index", inField, i), "must be >= 0, got %d", *p)
			}
			given++
			side = max(side, min(*p, math.MaxInt32)+1)
		}
	}
	switch given {
	case total:
		return side, nil
	case 0:
		idx := make([]int, total) // one allocation for every index
		for i := range in.Depots {
			idx[i] = i
			in.Depots[i].MatrixIndex = &idx[i]
		}
		for i := range in.Stops {
			k := len(in.Depots) + i
			idx[k] = k
			in.Stops[i].MatrixIndex = &idx[k]
		}
		return total, nil
	}
	return 0, solver.Errorf(field, "either every depot and stop sets matrix_index or none does; %d of %d do", given, total)
}

// denseMatrix checks that rows is n×n with finite, non-negative entries and
// returns it scaled. A null entry is an unreachable pair, which the routing
// model cannot take.
func denseMatrix(rows [][]*float64, n int, scale float64, field string) ([][]float64, error) {
	if rows == nil {
		return nil, solver.Errorf(field, "missing")
	}
	if len(rows) != n {
		return nil, solver.Errorf(field, "has %d rows; want %d (one per depot and stop)", len(rows), n)
	}
	out := make([][]float64, n)
	flat := make([]float64, n*n)
	for i, r := range rows {
		if len(r) != n {
			return nil, solver.Errorf(fmt.Sprintf("%s[%d]", field, i), "has %d entries; want %d", len(r), n)
		}
		row := flat[i*n : (i+1)*n : (i+1)*n]
		for j, p := range r {
			if p == nil {
				return nil, solver.Errorf(fmt.Sprintf("%s[%d][%d]", field, i, j), "null: the engine found no route between these places")
			}
			if !(*p >= 0) || math.IsInf(*p, 0) {
				return nil, solver.Errorf(fmt.Sprintf("%s[%d][%d]", field, i, j), "must be a finite number >= 0, got %g", *p)
			}
			row[j] = *p * scale
		}
		out[i] = row
	}
	return out, nil
}

// valhallaCells reads the verbose Valhalla matrix: cell (from_index,
// to_index) of every entry, each pair exactly once.
func valhallaCells(cells [][]valhallaCell, n int, scale float64, field string) (dur, dist [][]float64, err error) {
	total := 0
	for _, row := range cells {
		total += len(row)
	}
	if total != n*n {
		return nil, nil, solver.Errorf(field, "has %d pairs; want %d (one per pair of the %d depots and stops)", total, n*n, n)
	}
	seen := make([]bool, n*n)
	df, tf := make([]float64, n*n), make([]float64, n*n)
	count := 0
	for a, row := range cells {
		for b, c := range row {
			f := fmt.Sprintf("%s[%d][%d]", field, a, b)
			if c.FromIndex == nil || c.ToIndex == nil {
				return nil, nil, solver.Errorf(f, "want from_index and to_index")
			}
			i, j := *c.FromIndex, *c.ToIndex
			if i < 0 || i >= n || j < 0 || j >= n {
				return nil, nil, solver.Errorf(f, "index pair (%d, %d) out of range [0, %d)", i, j, n)
			}
			if seen[i*n+j] {
				return nil, nil, solver.Errorf(f, "pair (%d, %d) given twice", i, j)
			}
			if c.Time == nil || c.Distance == nil {
				return nil, nil, solver.Errorf(f, "null: the engine found no route between these places")
			}
			if !(*c.Time >= 0) || math.IsInf(*c.Time, 0) || !(*c.Distance >= 0) || math.IsInf(*c.Distance, 0) {
				return nil, nil, solver.Errorf(f, "time and distance must be finite numbers >= 0, got %g and %g", *c.Time, *c.Distance)
			}
			seen[i*n+j] = true
			tf[i*n+j], df[i*n+j] = *c.Time, *c.Distance*scale
			count++
		}
	}
	if count != n*n { // cannot happen: every pair is in range and given once
		return nil, nil, solver.Errorf(field, "has %d distinct pairs; want %d", count, n*n)
	}
	dur, dist = make([][]float64, n), make([][]float64, n)
	for i := range n {
		dur[i], dist[i] = tf[i*n:(i+1)*n:(i+1)*n], df[i*n:(i+1)*n:(i+1)*n]
	}
	return dur, dist, nil
}
