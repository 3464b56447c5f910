-- The Orthanc AI gateway's forwarding (bcd-api, issue 23; Orthanc 1.10): sends the Breast Cancer
-- Detection API's results (its SR and heatmap overlays) to the hospital PACS, the modality named
-- 'pacs' in DicomModalities, where they join the study the PACS routed here. Nothing else leaves:
-- the mammograms came from the PACS and stay here. Education and research only, never diagnosis.

local TARGET = 'pacs'
local MANUFACTURER = 'Breast Cancer Detection API (bcd-api)'
-- The analysis SR (series 9001) and the overlays, Secondary Captures with Modality OT (series 9002).
local RESULT_MODALITIES = { SR = true, OT = true }

-- Called for every instance stored here. `tags` holds the instance's tags by name ("simplified");
-- `origin.RequestOrigin` says how it came: the server stores over DICOMweb (the plugin: 'Plugins').
function OnStoredInstance(instanceId, tags, metadata, origin)
  -- Nothing that came in by C-STORE goes back out: that is what the PACS or a modality sent, and it
  -- breaks the loop should the PACS route our results back to the gateway.
  if origin['RequestOrigin'] == 'DicomProtocol' then
    return
  end
  if tags['Manufacturer'] ~= MANUFACTURER or not RESULT_MODALITIES[tags['Modality']] then
    return
  end
  -- Queued as a Lua job: a failure shows in the log and in /jobs, and the instance stays here, so it
  -- can be sent again (POST /modalities/pacs/store) once the PACS answers.
  SendToModality(instanceId, TARGET)
  print('bcd-api result ' .. tags['Modality'] .. ' ' .. instanceId .. ' queued for ' .. TARGET)
end
