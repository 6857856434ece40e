package dev.ferry.transfer;

import org.springframework.stereotype.Component;

/** The import tool of the record's chain: tidb-lightning (tidb) or myloader (mysql). */
@Component
class ImportInvocation extends ChainedInvocation {

	ImportInvocation(MyloaderImportInvocation myloader, LightningImportInvocation lightning) {
		super(myloader, lightning);
	}

}
