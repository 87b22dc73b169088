// The dashboard's dataset upload: relayed to the API's POST /datasets (the dataset, or the validation report).
import { proxyCsvUpload } from '../../../../api/upload-proxy.ts';

export function POST(request: Request): Promise<Response> {
  return proxyCsvUpload(request, '/datasets', ['name', 'description', 'target']);
}
