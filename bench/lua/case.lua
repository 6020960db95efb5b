-- The wrk script of every case of bench/run.sh. All requests are formatted once, in init(), and
-- request() only hands out the next one, so each case costs wrk the same per request whether it
-- sends no token, one token or a pool of them.
--
-- Environment (set by bench/run.sh):
--   BENCH_METHOD, BENCH_PATH        the request line (default GET /)
--   BENCH_HEADER, BENCH_PREFIX      header carrying a token, and its prefix ("Bearer ")
--   BENCH_TOKENS                    file with one token a line, cycled through in order
--   BENCH_BODY, BENCH_CONTENT_TYPE  a request body and its type
--   BENCH_AUTHORIZATION             a fixed Authorization header (client authentication)
--   BENCH_CAPTURE, BENCH_CAPTURE_FILE, BENCH_CAPTURE_LIMIT
--                                   append this response header's value to the file; stop after
--                                   the limit (minting the token pools)
--   BENCH_OUT                       where done() appends its one-line summary

local method = os.getenv("BENCH_METHOD") or "GET"
local path = os.getenv("BENCH_PATH") or "/"
local header = os.getenv("BENCH_HEADER") or ""
local prefix = os.getenv("BENCH_PREFIX") or ""
local tokens = os.getenv("BENCH_TOKENS") or ""
local body = os.getenv("BENCH_BODY")
local content_type = os.getenv("BENCH_CONTENT_TYPE")
local authorization = os.getenv("BENCH_AUTHORIZATION")
local capture = os.getenv("BENCH_CAPTURE")
local capture_file = os.getenv("BENCH_CAPTURE_FILE")
local capture_limit = tonumber(os.getenv("BENCH_CAPTURE_LIMIT") or "0")
local out = os.getenv("BENCH_OUT")

local requests = {}
local count = 0
local index = 0

function init(args)
  local headers = {}
  if content_type then headers["Content-Type"] = content_type end
  if authorization then headers["Authorization"] = authorization end
  if header ~= "" then
    for line in io.lines(tokens) do
      if #line > 0 then
        headers[header] = prefix .. line
        count = count + 1
        requests[count] = wrk.format(method, path, headers, body)
      end
    end
  else
    count = 1
    requests[1] = wrk.format(method, path, headers, body)
  end
end

function request()
  index = index % count + 1
  return requests[index]
end

if capture then
  local sink = nil
  local captured = 0
  function response(status, headers, body)
    local value = headers[capture]
    if status == 200 and value then
      if not sink then sink = assert(io.open(capture_file, "a")) end
      sink:write(value, "\n")
      captured = captured + 1
      if captured >= capture_limit then
        sink:close()
        sink = nil
        wrk.thread:stop()
      end
    end
  end
end

function done(summary, latency, requests)
  if not out then return end
  local errors = summary.errors
  local file = assert(io.open(out, "a"))
  -- requests duration_us non2xx socket_errors p50_us p99_us
  file:write(string.format("%d %d %d %d %d %d\n",
    summary.requests, summary.duration, errors.status,
    errors.connect + errors.read + errors.write + errors.timeout,
    latency:percentile(50), latency:percentile(99)))
  file:close()
end
