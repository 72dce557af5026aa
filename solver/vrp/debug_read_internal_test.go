package vrp

import (
	"bufio"
	"fmt"
	"os"
	"strconv"
	"strings"
	"testing"
)

func debugReadX(t *testing.T, name string) *Input {
	f, err := os.Open("../../../shared/datasets/cvrplib/X/" + name + ".vrp")
	if err != nil {
		t.Skip(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	var sec string
	var capa int64
	var xs, ys []float64
	var dem []int64
	for sc.Scan() {
		fs := strings.Fields(sc.Text())
		if len(fs) == 0 {
			continue
		}
		switch {
		case fs[0] == "CAPACITY":
			capa, _ = strconv.ParseInt(fs[2], 10, 64)
		case fs[0] == "NODE_COORD_SECTION" || fs[0] == "DEMAND_SECTION" || fs[0] == "DEPOT_SECTION":
			sec = fs[0]
		case sec == "NODE_COORD_SECTION":
			x, _ := strconv.ParseFloat(fs[1], 64)
			y, _ := strconv.ParseFloat(fs[2], 64)
			xs, ys = append(xs, x), append(ys, y)
		case sec == "DEMAND_SECTION":
			d, _ := strconv.ParseInt(fs[1], 10, 64)
			dem = append(dem, d)
		}
	}
	in := &Input{Depots: []Depot{{ID: "d", Location: [2]float64{xs[0], ys[0]}}},
		Vehicles: []Vehicle{{ID: "v", StartDepot: "d", Capacity: Load{Units: capa}}},
		Travel:   Travel{Metric: "euclidean", Rounding: "nint"}}
	for i := 1; i < len(xs); i++ {
		in.Stops = append(in.Stops, Stop{ID: fmt.Sprint(i), Location: [2]float64{xs[i], ys[i]}, Demand: Load{Units: dem[i]}})
	}
	return in
}
