/** Feeds shared by the sync tests. */

/** The ECB daily reference rates (an excerpt of the real file's shape). */
export const ECB = `<?xml version="1.0" encoding="UTF-8"?>
<gesmes:Envelope xmlns:gesmes="http://www.gesmes.org/xml/2002-08-01" xmlns="http://www.ecb.int/vocabulary/2002-08-01/eurofxref">
	<gesmes:subject>Reference rates</gesmes:subject>
	<gesmes:Sender>
		<gesmes:name>European Central Bank</gesmes:name>
	</gesmes:Sender>
	<Cube>
		<Cube time='2024-05-10'>
			<Cube currency='USD' rate='1.0778'/>
			<Cube currency='JPY' rate='167.82'/>
			<Cube currency='DKK' rate='7.4609'/>
			<Cube currency='GBP' rate='0.86075'/>
			<Cube currency='SEK' rate='11.6930'/>
		</Cube>
	</Cube>
</gesmes:Envelope>
`;
