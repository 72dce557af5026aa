package server

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"sync"
	"time"

	"fulfil/jobq"
)

// JobState is where a job is in its life: queued → running → succeeded,
// failed or cancelled. A queued job may go straight to cancelled.
type JobState string

const (
	JobQueued    JobState = "queued"
	JobRunning   JobState = "running"
	JobSucceeded JobState = "succeeded"
	JobFailed    JobState = "failed"
	JobCancelled JobState = "cancelled"
)

func (s JobState) final() bool { return s == JobSucceeded || s == JobFailed || s == JobCancelled }

// JobRequest is the body of POST /v1/jobs: the path of a solving endpoint
// and the body that endpoint takes.
type JobRequest struct {
	// Endpoint is "/v1/vrp", "/v1/vroom", "/v1/waves", "/v1/waves/route",
	// "/v1/allocation", "/v1/transfers", "/v1/stock/{function}" or
	// "/v1/plan".
	Endpoint string          `json:"endpoint"`
	Request  json.RawMessage `json:"request"`
	// CallbackURL, when set (http or https), is sent the job's final
	// JobStatus, result included, by POST once it ends; a failed delivery
	// is retried a few times with growing waits (durable jobs only).
	CallbackURL string `json:"callback_url,omitempty"`
}

// JobStatus is the body of GET /v1/jobs/{id} (and of the 202 that POST
// answers with). Times are RFC 3339 in UTC; QueueS is the time spent
// queued (so far, while queued) and RunS the time spent running (so far,
// while running). Result is the endpoint's response body once the job
// succeeded (or was cancelled with a partial result); Error is set when it
// failed. A succeeded job's files, if it has any (a plan's), are listed by
// GET /v1/jobs/{id}/files.
type JobStatus struct {
	ID         string          `json:"id"`
	Endpoint   string          `json:"endpoint"`
	State      JobState        `json:"state"`
	CreatedAt  string          `json:"created_at"`
	StartedAt  string          `json:"started_at,omitempty"`
	FinishedAt string          `json:"finished_at,omitempty"`
	QueueS     float64         `json:"queue_s"`
	RunS       float64         `json:"run_s"`
	TimeLimitS float64         `json:"time_limit_s"`
	Result     json.RawMessage `json:"result,omitempty"`
	Error      *ErrorDetail    `json:"error,omitempty"`
	// Durable jobs only: Attempts counts the runs started (more than one
	// when a worker died or stopped mid-run), Worker names the process of
	// the last; Callback says how the callback went ("delivered", or why
	// it was given up); ResultPurged is set when the result was deleted to
	// keep stored results within their byte budget.
	Attempts     int    `json:"attempts,omitempty"`
	Worker       string `json:"worker,omitempty"`
	CallbackURL  string `json:"callback_url,omitempty"`
	Callback     string `json:"callback,omitempty"`
	ResultPurged bool   `json:"result_purged,omitempty"`
}

// JobList is the body of GET /v1/jobs: jobs newest first, without their
// results.
type JobList struct {
	Jobs []JobStatus `json:"jobs"`
}

// job is one asynchronous solve. Every field is guarded by jobStore.mu.
type job struct {
	id        string
	endpoint  string
	state     JobState
	created   time.Time
	started   time.Time
	finished  time.Time
	timeLimit time.Duration
	result    []byte
	err       *apiError
	// files are a succeeded job's files, resultFile the result's name
	// among them; they count against maxResultBytes with the result.
	files      []jobq.File
	resultFile string
	cancel     context.CancelFunc // set while running
	cancelReq  bool               // DELETE asked for it
	size       int                // request bytes, counted against maxBytes until the job ends
	purged     bool               // result and files dropped to keep within maxResultBytes
}

// held returns the bytes of j's result and files.
func (j *job) held() int {
	n := len(j.result)
	for _, f := range j.files {
		n += len(f.Data)
	}
	return n
}

// jobStore keeps jobs by id, from submission until Retention after they
// end. It never drops a job that has not ended.
type jobStore struct {
	mu        sync.Mutex
	jobs      map[string]*job
	max       int
	retention time.Duration
	// bytes sums the request sizes of jobs not yet ended; a job that would
	// take it over maxBytes is refused, which bounds the memory that
	// queued jobs hold.
	bytes, maxBytes int
	// resultBytes sums the results and files held; past maxResultBytes
	// the oldest jobs' are dropped.
	resultBytes, maxResultBytes int
	draining                    bool
	swept                       time.Time
	running                     sync.WaitGroup // jobs queued or running
}

func newJobStore(max int, retention time.Duration, maxBytes, maxResultBytes int) *jobStore {
	return &jobStore{jobs: make(map[string]*job), max: max, retention: retention, maxBytes: maxBytes, maxResultBytes: maxResultBytes}
}

func newJobID() string {
	var b [16]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// reserve counts n request bytes against the budget before the body is
// read, or fails when draining or when they do not fit. A request that is
// refused later gives them back with unreserve; add hands them to its job.
func (st *jobStore) reserve(n int) error {
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.draining {
		return errDraining
	}
	if st.bytes+n > st.maxBytes {
		return errOverloaded
	}
	st.bytes += n
	return nil
}

// unreserve gives back n bytes taken by reserve.
func (st *jobStore) unreserve(n int) {
	st.mu.Lock()
	st.bytes -= n
	st.mu.Unlock()
}

// add registers a queued job of size request bytes, already reserved, or
// fails when draining or full; the caller still holds the reservation
// then.
func (st *jobStore) add(endpoint string, limit time.Duration, size int) (*job, error) {
	now := time.Now()
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.draining {
		return nil, errDraining
	}
	st.sweepLocked(now)
	if len(st.jobs) >= st.max {
		return nil, errOverloaded
	}
	j := &job{id: newJobID(), endpoint: endpoint, state: JobQueued, created: now, timeLimit: limit, size: size}
	st.jobs[j.id] = j
	st.running.Add(1)
	return j, nil
}

// remove forgets a job that never got queued.
func (st *jobStore) remove(j *job) {
	st.mu.Lock()
	delete(st.jobs, j.id)
	st.bytes -= j.size
	st.mu.Unlock()
	st.running.Done()
}

// sweepLocked forgets ended jobs older than the retention, at most once a
// second.
func (st *jobStore) sweepLocked(now time.Time) {
	if now.Sub(st.swept) < time.Second && len(st.jobs) < st.max {
		return
	}
	st.swept = now
	for id, j := range st.jobs {
		if j.state.final() && now.Sub(j.finished) > st.retention {
			st.resultBytes -= j.held()
			delete(st.jobs, id)
		}
	}
}

// begin moves j to running with a context that ends at its deadline or
// when cancelled. It returns false when j was cancelled while queued.
func (st *jobStore) begin(j *job, base context.Context) (context.Context, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if j.state != JobQueued {
		return nil, false
	}
	ctx, cancel := context.WithTimeout(base, j.timeLimit)
	j.state, j.started, j.cancel = JobRunning, time.Now(), cancel
	return ctx, true
}

// finish records how j ended. A job stopped by DELETE or by shutdown is
// cancelled even when its solver returned a partial result, which is kept;
// only a succeeded job keeps its files.
func (st *jobStore) finish(j *job, res outcome, ae *apiError, stopped bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	if j.cancel != nil {
		j.cancel()
		j.cancel = nil
	}
	j.finished = time.Now()
	switch {
	case j.cancelReq || stopped:
		j.state = JobCancelled
	case ae != nil:
		j.state = JobFailed
	default:
		j.state = JobSucceeded
		j.files = res.files
		if len(res.body) > 0 {
			j.resultFile = res.resultFile
		}
	}
	j.result, j.err = res.body, ae
	st.resultBytes += j.held()
	st.trimResultsLocked()
	st.bytes -= j.size
	st.running.Done()
}

// trimResultsLocked drops the oldest results, with their jobs' files,
// while they sum to more than maxResultBytes. It scans every job per
// result dropped: jobs are at most MaxJobs, and a drop frees a whole
// result.
func (st *jobStore) trimResultsLocked() {
	for st.resultBytes > st.maxResultBytes {
		var oldest *job
		for _, j := range st.jobs {
			if j.held() > 0 && (oldest == nil || j.finished.Before(oldest.finished)) {
				oldest = j
			}
		}
		if oldest == nil {
			return
		}
		st.resultBytes -= oldest.held()
		oldest.result, oldest.files, oldest.purged = nil, nil, true
	}
}

// cancel cancels j: a queued job ends at once, a running one is told to
// stop and ends when its solver returns. Ended jobs are left alone.
func (st *jobStore) cancel(id string) (JobStatus, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	j, ok := st.jobs[id]
	if !ok {
		return JobStatus{}, false
	}
	st.cancelLocked(j)
	return j.statusLocked(time.Now()), true
}

func (st *jobStore) cancelLocked(j *job) {
	switch j.state {
	case JobQueued:
		j.state, j.finished, j.cancelReq = JobCancelled, time.Now(), true
		st.bytes -= j.size
		st.running.Done()
	case JobRunning:
		j.cancelReq = true
		j.cancel()
	}
}

// status returns j's status.
func (st *jobStore) status(id string) (JobStatus, bool) {
	st.mu.Lock()
	defer st.mu.Unlock()
	j, ok := st.jobs[id]
	if !ok {
		return JobStatus{}, false
	}
	return j.statusLocked(time.Now()), true
}

// drain stops admission and cancels every queued job.
func (st *jobStore) drain() {
	st.mu.Lock()
	defer st.mu.Unlock()
	st.draining = true
	for _, j := range st.jobs {
		if j.state == JobQueued {
			st.cancelLocked(j)
		}
	}
}

// cancelRunning cancels every running job.
func (st *jobStore) cancelRunning() {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, j := range st.jobs {
		if j.state == JobRunning {
			st.cancelLocked(j)
		}
	}
}

// list returns the status of the jobs in state (any when empty), newest
// first, at most limit, without results.
func (st *jobStore) list(state JobState, limit int) []JobStatus {
	st.mu.Lock()
	now := time.Now()
	out := make([]JobStatus, 0, min(limit, len(st.jobs)))
	for _, j := range st.jobs {
		if state == "" || j.state == state {
			s := j.statusLocked(now)
			s.Result = nil
			out = append(out, s)
		}
	}
	st.mu.Unlock()
	sortJobs(out)
	return out[:min(limit, len(out))]
}

// held returns the number of jobs held in any state.
func (st *jobStore) held() int {
	st.mu.Lock()
	defer st.mu.Unlock()
	return len(st.jobs)
}

// counts returns the number of jobs in each state.
func (st *jobStore) counts() map[JobState]int {
	st.mu.Lock()
	defer st.mu.Unlock()
	c := map[JobState]int{JobQueued: 0, JobRunning: 0, JobSucceeded: 0, JobFailed: 0, JobCancelled: 0}
	for _, j := range st.jobs {
		c[j.state]++
	}
	return c
}

func (j *job) statusLocked(now time.Time) JobStatus {
	s := JobStatus{ID: j.id, Endpoint: j.endpoint, State: j.state, CreatedAt: stamp(j.created), TimeLimitS: j.timeLimit.Seconds()}
	switch {
	case !j.started.IsZero():
		s.StartedAt = stamp(j.started)
		s.QueueS = j.started.Sub(j.created).Seconds()
		end := now
		if !j.finished.IsZero() {
			end = j.finished
		}
		s.RunS = end.Sub(j.started).Seconds()
	case !j.finished.IsZero():
		s.QueueS = j.finished.Sub(j.created).Seconds()
	default:
		s.QueueS = now.Sub(j.created).Seconds()
	}
	if !j.finished.IsZero() {
		s.FinishedAt = stamp(j.finished)
	}
	s.Result, s.ResultPurged = j.result, j.purged
	if j.err != nil {
		d := j.err.detail("")
		s.Error = &d
	}
	return s
}

func stamp(t time.Time) string { return t.UTC().Format(time.RFC3339Nano) }
