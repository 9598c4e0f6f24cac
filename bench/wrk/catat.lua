-- POST /aktivitas, the daily activity form as the browser sends it (multipart, same origin,
-- "simpan dan ajukan"), rotating over the pegawai in the file named by KINERJA_SESI: one
-- "cookie<TAB>rhk_id" line each, the RHK being one of their own. The date is KINERJA_TANGGAL.
-- `requests` is filled by init() below; bersama.lua sends them in turn and reports.
requests = {}
local boundary = "----kinerja-bench-7d1f"

local function part(name, value)
  return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name ..
    "\"\r\n\r\n" .. value .. "\r\n"
end

function init(args)
  local tanggal = os.getenv("KINERJA_TANGGAL")
  local origin = os.getenv("KINERJA_ORIGIN")
  for line in io.lines(os.getenv("KINERJA_SESI")) do
    local cookie, rhk = line:match("^([^\t]+)\t(%d+)")
    if cookie then
      local body = part("tanggal", tanggal) .. part("rhk_id", rhk) ..
        part("uraian", "Memberikan asuhan keperawatan kepada pasien rawat jalan") ..
        part("kuantitas", "1") .. part("satuan", "Laporan") ..
        part("tautan", "https://contoh.go.id/laporan/harian") .. part("ajukan", "1") ..
        "--" .. boundary .. "--\r\n"
      table.insert(requests, wrk.format("POST", "/aktivitas", {
        ["Cookie"] = cookie,
        ["Origin"] = origin,
        ["Sec-Fetch-Site"] = "same-origin",
        ["Content-Type"] = "multipart/form-data; boundary=" .. boundary,
      }, body))
    end
  end
end

dofile(os.getenv("KINERJA_BENCH_DIR") .. "/wrk/bersama.lua")
