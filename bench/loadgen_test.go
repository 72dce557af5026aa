package bench

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
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
