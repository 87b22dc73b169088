// The dashboard's feature-file upload: relayed to the API's POST /portfolios/<id>/features (the load, or
// every issue in the file).
import { proxyCsvUpload } from '../../../../../api/upload-proxy.ts';

export async function POST(request: Request, { params }: { params: Promise<{ portfolioId: string }> }): Promise<Response> {
  const { portfolioId } = await params;
  return proxyCsvUpload(request, `/portfolios/${encodeURIComponent(portfolioId)}/features`, ['asOf', 'level', 'idColumn', 'fileName']);
}
