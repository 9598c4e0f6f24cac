-- GET of the URL's path, as logged-in browsers send it: each request carries the next session
-- cookie from the file named by KINERJA_SESI (one "cookie<TAB>rhk" line per pegawai; no file
-- means no cookie, as for /health).
-- `requests` is filled by init() below; bersama.lua sends them in turn and reports.
requests = {}

function init(args)
  local file = os.getenv("KINERJA_SESI")
  if file and file ~= "" then
    for line in io.lines(file) do
      local cookie = line:match("^([^\t]+)")
      if cookie then
        table.insert(requests, wrk.format("GET", nil, { ["Cookie"] = cookie }))
      end
    end
  end
  if #requests == 0 then
    table.insert(requests, wrk.format("GET", nil, {}))
  end
end

dofile(os.getenv("KINERJA_BENCH_DIR") .. "/wrk/bersama.lua")
