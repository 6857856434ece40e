package dev.ferry.transfer;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The space preflight's setting ({@code ferry.transfers.*}).
 *
 * @param spaceMargin an export is refused when its storage has less free space than its estimated size times this
 * (an import, when its target reports less free space than the dump's size times this); 0 turns the check off
 */
@Validated
@ConfigurationProperties("ferry.transfers")
record SpaceProperties(@DecimalMin("0") @DecimalMax("100") @DefaultValue("1.2") double spaceMargin) {
}
