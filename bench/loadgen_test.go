package bench

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"sync/atomic"
	"testing"
	"time"
)

// TestLoadCountsAndPercentiles drives a loopback server that answers every
// third request with 429 and checks the counts and the latency split.
func TestLoadCountsAndPercentiles(t *testing.T) {
	var n atomic.Int64
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		if n.Add(1)%3 == 0 {
			w.WriteHeader(http.StatusTooManyRequests)
			return
		}
		time.Sleep(2 * time.Millisecond)
		w.Write([]byte(`{}`))
	})}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	defer srv.Close()
	for _, rate := range []float64{0, 300} {
		t.Run(fmt.Sprintf("rate=%g", rate), func(t *testing.T) {
			rep, err := Load(context.Background(), LoadConfig{URL: "http://" + ln.Addr().String() + "/", Body: []byte(`{}`),
				Concurrency: 4, Rate: rate, Duration: 300 * time.Millisecond, Warmup: 50 * time.Millisecond})
			if err != nil {
				t.Fatal(err)
			}
			if rep.Requests == 0 || rep.ByStatus[200]+rep.ByStatus[429] != rep.Requests || rep.Errors != 0 {
				t.Fatalf("report %+v", rep)
			}
			if rep.OK.N != rep.ByStatus[200] || rep.Rejected.N != rep.ByStatus[429] {
				t.Errorf("percentile samples %d/%d, statuses %v", rep.OK.N, rep.Rejected.N, rep.ByStatus)
			}
			// 2 ms of service: no 200 answers in less.
			if rep.OK.P50 < 2 || rep.OK.P50 > rep.OK.P99 || rep.OK.P99 > rep.OK.Max {
				t.Errorf("ok latencies %v", rep.OK)
			}
			if rate > 0 && rep.Requests > int(rate*0.35)+2 {
				t.Errorf("open loop at %g/s sent %d in 0.3 s", rate, rep.Requests)
			}
		})
	}
}

func TestPercentiles(t *testing.T) {
	ms := make([]float64, 100)
	for i := range ms {
		ms[99-i] = float64(i + 1)
	}
	p := percentiles(ms)
	if p.N != 100 || p.P50 != 51 || p.P90 != 91 || p.P99 != 100 || p.Max != 100 || p.Mean != 50.5 {
		t.Errorf("got %+v", p)
	}
}

var (
	loadURL  = flag.String("loadgen.url", "", "TestLoadgenRun: URL to load (the run is skipped without it)")
	loadBody = flag.String("loadgen.body", "", "TestLoadgenRun: file holding the request body")
	loadC    = flag.Int("loadgen.c", 4, "TestLoadgenRun: connections")
	loadRate = flag.Float64("loadgen.rate", 0, "TestLoadgenRun: requests per second (0: closed loop)")
	loadDur  = flag.Duration("loadgen.d", 10*time.Second, "TestLoadgenRun: measured duration")
	loadWarm = flag.Duration("loadgen.warmup", 2*time.Second, "TestLoadgenRun: warm-up")
	loadGzip = flag.Bool("loadgen.gzip", false, "TestLoadgenRun: the body file is gzip")
)

// TestLoadgenRun is the load generator's command line: it runs only when
// -loadgen.url is given, for example against `fulfil serve` pinned to
// another core:
//
//	go test -c -o /tmp/bench.test ./bench
//	taskset -c 1 /tmp/bench.test -test.run LoadgenRun -loadgen.url http://127.0.0.1:8080/v1/vrp -loadgen.body req.json -loadgen.c 4
func TestLoadgenRun(t *testing.T) {
	if *loadURL == "" {
		t.Skip("no -loadgen.url")
	}
	body, err := os.ReadFile(*loadBody)
	if err != nil {
		t.Fatal(err)
	}
	cfg := LoadConfig{URL: *loadURL, Body: body, Concurrency: *loadC, Rate: *loadRate, Duration: *loadDur, Warmup: *loadWarm}
	if *loadGzip {
		cfg.ContentEncoding = "gzip"
	}
	rep, err := Load(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := json.MarshalIndent(rep, "", "  ")
	fmt.Printf("%s\nok: %.1f/s %v\nrejected: %v\n", b, rep.OKPerS, rep.OK, rep.Rejected)
}
