package dev.ferry;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Ferry: data transport for TiDB and MySQL/MariaDB clusters. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class FerryApplication {

	public static void main(String[] args) {
		SpringApplication.run(FerryApplication.class, args);
	}

}
